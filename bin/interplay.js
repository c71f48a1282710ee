#!/usr/bin/env node
// Entry point for `npx interplay`: runs the compiled CLI in dist/ (`npm run build`, which `npm install`
// runs through `prepare`; a published package ships it). Compiling TypeScript at every start cost
// seconds; tsx is for development only (`npm run interplay -- <command>`). A build that is missing or
// older than the sources is refused with one line, never run as if it were current.
import { fileURLToPath } from 'node:url';
import { buildFreshness, buildProblem } from './build-freshness.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const problem = buildProblem(buildFreshness(root));
if (problem) {
  process.stderr.write(`error: ${problem}\n`);
  // 70: an internal error (the installation, not the user's input).
  process.exit(70);
}
await import('../dist/src/cli/main.js');
