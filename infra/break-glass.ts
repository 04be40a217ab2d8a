import { loadConfigOrExit, loadDotEnvIfPresent } from '../lib/config';
import { createDatabase } from '../lib/db';
import { issueBreakGlassAccount } from '../lib/break-glass';

// npm run staff:break-glass -- <email> "<name>" — creates or renews the break-glass admin account
// (password + TOTP) and prints its credentials once. Keep them sealed, e.g. in the municipality's
// password vault; every sign-in with it is kept in staff_login_attempts.

async function main(): Promise<void> {
  loadDotEnvIfPresent();
  const [email, name] = process.argv.slice(2);
  if (!email || !name) {
    process.stderr.write('Usage: npm run staff:break-glass -- <email> "<name>"\n');
    process.exit(64);
  }
  const config = loadConfigOrExit();
  const db = createDatabase(config.DATABASE_URL);
  try {
    const issued = await issueBreakGlassAccount(db, { email, name, issuer: `Grantflow ${config.MUNICIPALITY_NAME}` });
    process.stdout.write(
      `Break-glass account ${email} (admin)\n  password:   ${issued.password}\n  TOTP secret: ${issued.totpSecret}\n  otpauth URI: ${issued.otpauthUri}\n` +
        'Add the secret or URI to an authenticator app; sign in at /personale/log-ind with the password and the 6-digit code.\n',
    );
  } finally {
    await db.$disconnect();
  }
}

main().catch((error) => {
  process.stderr.write(`staff:break-glass failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
