// One lint run for the whole monorepo: `npx eslint .` from the root (CI runs it too).
// Rules are syntactic only (no type information) so the run stays fast.
const js = require('@eslint/js');
const nx = require('@nx/eslint-plugin');
const tseslint = require('typescript-eslint');
const globals = require('globals');
const { defineConfig, globalIgnores } = require('eslint/config');

const TS = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
const JS = ['**/*.js', '**/*.cjs', '**/*.mjs'];

function boundaries({ allow = [] } = {}) {
  return {
    allow,
    enforceBuildableLibDependency: false,
    depConstraints: [
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
      { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
      { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['*'] },
      { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:server', 'scope:shared'] },
      { sourceTag: 'scope:client', onlyDependOnLibsWithTags: ['scope:shared'] },
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
    ],
  };
}

module.exports = defineConfig(
  globalIgnores([
    '**/dist/**',
    '**/node_modules/**',
    '**/.nx/**',
    '**/.swc/**',
    '**/coverage/**',
    'apps/mini-client/dist/**',
    // Taro's build config: loaded by the Taro CLI with its own types, not part of the app.
    'apps/mini-client/config/**',
    '**/babel.config.js',
    'docker/**',
  ]),

  {
    files: [...TS, ...JS],
    extends: [js.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },

  {
    files: TS,
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // TypeORM and Nest take lists of classes (`entities: Function[]`, `migrations: Function[]`).
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },

  // Which project may import which: tags live in each package.json under "nx".
  {
    files: [...TS, ...JS],
    plugins: { '@nx': nx },
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries()] },
  },
  // The integration tests start the system with the same launcher as `npm start` (scripts/ is root tooling,
  // not a project), and the migration test loads each service's entity and migration lists: those relative
  // imports are allowed there and nowhere else. Replies of the API under test are read as plain JSON (`any`).
  {
    files: ['e2e/**'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', boundaries({ allow: ['../../scripts/lib/*', '../../apps/patient-svc/src/wechat/testing/fake-wechat-server', '../../apps/billing-svc/src/wechatpay/testing/fake-wechatpay-server', '../../apps/billing-svc/src/insurance/testing/fake-insurance-server', '../apps/patient-svc/src/database', '../apps/pharmacy-svc/src/database', '../apps/billing-svc/src/database'] })],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },

  // The contracts carry class-validator and Swagger decorators (server code): the client takes only their types.
  {
    files: ['apps/mini-client/src/**/*.ts', 'apps/mini-client/src/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@clinic/contracts', allowTypeImports: true, message: 'The client imports only types from @clinic/contracts' },
          ],
          patterns: [
            { group: ['@clinic/contracts/*'], allowTypeImports: true, message: 'The client imports only types from @clinic/contracts' },
          ],
        },
      ],
    },
  },

  // Plain CommonJS run by Node: scripts, benchmarks and the config files at the roots of the workspaces.
  {
    files: ['scripts/**/*.js', 'bench/**/*.js', '*.js', 'apps/*/*.js', 'libs/*/*.js', 'e2e/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', ecmaVersion: 2022, globals: { ...globals.node } },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },

  // Test files: jest provides its globals (only the JS ones need declaring; TS knows them from @types/jest).
  {
    files: ['**/*.spec.js', '**/*.e2e-spec.js'],
    languageOptions: { globals: { ...globals.jest } },
  },
);
