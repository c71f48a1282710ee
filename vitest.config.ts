import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * `npm test` runs every test but the slow ones: tests named `*.slow.test.ts` (many processes killed and
 * restarted, a real Redis with several workers, big runs, real pseudo-terminals and browsers) are
 * `npm run test:slow` (vitest.slow.config.ts); `.ci/run` runs both.
 */
export const sharedTestOptions = {
  pool: 'forks' as const,
  // One worker per core, at least two: vitest's own default (cores - 1) leaves a 2-core machine with a
  // single worker, while many tests wait on loopback servers and child processes rather than the CPU.
  maxWorkers: Math.max(2, availableParallelism()),
  // A worker keeps the modules it imported from one test file to the next. Re-importing the app (zod
  // schemas, xstate, the OpenAI SDK, ink and React, the domains) for each of ~200 files cost more CPU
  // than all the tests together (measured: 227 s of imports against 121 s of tests on 2 cores). Safe
  // because no test replaces a module or a global (vi.mock, vi.stubGlobal and vi.stubEnv are refused by
  // eslint.config.js in test/), clocks and ids are injected, and every file writes to its own temp dirs.
  isolate: false,
  // ink draws only the last frame when it believes it runs in CI (is-in-ci reads CI=true, which CI
  // sets): the terminal UI tests need every frame, as a user's terminal gets them.
  env: { CI: 'false' },
  // The only wall-clock bounds in the suite: a test waits on events, never on time of its own.
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
