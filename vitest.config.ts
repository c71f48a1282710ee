import { defineConfig } from 'vitest/config';

/**
 * `npm test` runs every test but the slow ones: tests named `*.slow.test.ts` (many processes killed and
 * restarted, a real Redis with several workers, big runs) are `npm run test:slow`
 * (vitest.slow.config.ts); `.ci/run` runs both.
 */
export const sharedTestOptions = {
  pool: 'forks' as const,
  // ink draws only the last frame when it believes it runs in CI (is-in-ci reads CI=true, which CI
  // sets): the terminal UI tests need every frame, as a user's terminal gets them.
  env: { CI: 'false' },
  testTimeout: 120_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    ...sharedTestOptions,
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['**/node_modules/**', 'test/**/*.slow.test.ts', 'test/**/*.slow.test.tsx'],
  },
});
