// Unit tests for the client's plain TypeScript (API client, formatting, role rules).
// Run from the repo root: npx jest -c apps/mini-client/jest.config.js
/** @type {import('jest').Config} */
module.exports = {
  displayName: 'mini-client',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts?(x)'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        swcrc: false,
        jsc: {
          target: 'es2021',
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } }
        },
        module: { type: 'commonjs' }
      }
    ]
  },
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/test/taro-mock.ts',
    // The client may only import types from the contracts (they carry server-side decorators);
    // a value import would resolve here and fail loudly.
    '^@clinic/contracts(/.*)?$': '<rootDir>/test/contracts-types-only.ts',
    '^@clinic/rules$': '<rootDir>/../../libs/rules/src'
  },
  clearMocks: true
}
