import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    pool: 'forks',
    // ink draws only the last frame when it believes it runs in CI (is-in-ci reads CI=true, which CI
    // sets): the terminal UI tests need every frame, as a user's terminal gets them.
    env: { CI: 'false' },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
