/** @type {import('jest').Config} */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }];

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc, '^.+\\.js$': swc },
  // The ICU message libraries, the OpenID Connect client (with its JOSE and OAuth layers) and the
  // TOTP library's base32 and hash layers ship as ES modules only; everything else is CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(@formatjs|intl-messageformat|openid-client|oauth4webapi|jose|@otplib|@scure|@noble)/)'],
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  // One Temporal dev server, one fresh PostgreSQL database and one SMTP sink for the whole run.
  globalSetup: '<rootDir>/tests/setup/global-setup.ts',
  globalTeardown: '<rootDir>/tests/setup/global-teardown.ts',
  // …and each test file works in a copy of that database of its own.
  setupFiles: ['<rootDir>/tests/setup/own-database.ts'],
  reporters: ['default', '<rootDir>/tests/setup/summary-reporter.js'],
  testTimeout: 60_000,
  // Three files at a time on two cores: most test time is waiting (for Temporal, timers, the
  // browser, the network), so a third file fills the cores the other two leave idle.
  maxWorkers: 3,
  // Temporal's native worker keeps handles until shutdown; the suite closes them, but a stray
  // one must not hang CI.
  forceExit: true,
};
