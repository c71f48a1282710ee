import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'traces/', 'coverage/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // Only the faces may touch the terminal or the environment.
    files: ['src/cli/**', 'src/tui/**', 'bench/**', 'bin/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Plain JavaScript that runs on node before anything is compiled: the bin and the build script.
    files: ['bin/**/*.js', 'scripts/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['src/**', 'domains/**'],
    ignores: ['src/cli/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Only src/cli reads the environment.' },
        { object: 'Date', property: 'now', message: 'Inject a clock.' },
        { object: 'Math', property: 'random', message: 'Inject a seeded random source.' },
      ],
    },
  },
  {
    // Test files share their worker's modules (vitest.config.ts: isolate: false), and no test may fail
    // because the machine is busy.
    files: ['test/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['mock', 'doMock', 'unmock', 'resetModules', 'stubGlobal', 'stubEnv'].map((property) => ({
          object: 'vi',
          property,
          message: 'Test files share their worker\'s modules (isolate: false): inject the dependency instead.',
        })),
        { object: 'vi', property: 'waitFor', message: 'vi.waitFor gives up after 1 s: use eventually() from test/support/eventually.ts.' },
        { object: 'vi', property: 'waitUntil', message: 'vi.waitUntil gives up after 1 s: use eventually() from test/support/eventually.ts.' },
      ],
    },
  },
);
