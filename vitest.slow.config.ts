import { defineConfig } from 'vitest/config';
import { sharedTestOptions } from './vitest.config.ts';

/** The slow suite (`npm run test:slow`): tests named `*.slow.test.ts`, which `npm test` leaves out. */
export default defineConfig({
  test: {
    ...sharedTestOptions,
    include: ['test/**/*.slow.test.ts', 'test/**/*.slow.test.tsx'],
    // A slow test may start many processes: its own runner-wide bound, still no wall-clock assertion.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
