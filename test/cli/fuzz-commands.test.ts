import { describeCommandFuzz } from './support/command-fuzz.ts';

// A quarter of the command fuzz runs, with the same seed; all of them run in
// fuzz-commands.slow.test.ts (npm run test:slow).
describeCommandFuzz(0.25);
