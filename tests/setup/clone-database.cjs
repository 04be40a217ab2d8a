// Creates a copy of the run's migrated database for one test file and prints its connection
// string. A separate process, so the test file's setup can wait for it synchronously: the file's
// own top-level code reads DATABASE_URL as soon as it is imported.
const crypto = require('node:crypto');
const { Client } = require('pg');

async function main() {
  const template = new URL(process.env.TEMPLATE_DATABASE_URL);
  const admin = process.env.ADMIN_DATABASE_URL;
  const templateName = decodeURIComponent(template.pathname.slice(1));
  const name = `${templateName}_f${crypto.randomBytes(4).toString('hex')}`;
  const client = new Client({ connectionString: admin });
  await client.connect();
  try {
    // Another file's copy being made at the same moment holds the template briefly: try again.
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName}"`);
        break;
      } catch (error) {
        if (attempt >= 40 || !/being accessed by other users/.test(error.message)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  } finally {
    await client.end();
  }
  template.pathname = `/${name}`;
  process.stdout.write(template.toString());
}

main().catch((error) => {
  process.stderr.write(`could not copy the test database: ${error.message}\n`);
  process.exit(1);
});
