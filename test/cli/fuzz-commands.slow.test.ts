import { describeCommandFuzz } from './support/command-fuzz.ts';

// Every command fuzz run (about 200); npm test runs the first quarter (fuzz-commands.test.ts).
describeCommandFuzz(1);
