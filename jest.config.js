// Two tiers (see README): `unit` runs beside the code with no servers; `e2e` boots the real system on
// MariaDB, Redis and SQLite and runs one file at a time. The client has its own config (CommonJS + TSX).
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' }, module: { type: 'commonjs' } }];
const common = {
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^@clinic/(contracts|platform|rules)$': '<rootDir>/libs/$1/src' },
  testEnvironment: 'node',
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/*/src/**/*.spec.ts', '<rootDir>/apps/!(mini-client)/src/**/*.spec.ts', '<rootDir>/e2e/compose/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/e2e/support/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/e2e/support/jest-setup.ts'],
      slowTestThreshold: 60,
    },
    '<rootDir>/apps/mini-client/jest.config.js',
  ],
};
