import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { batchThroughput } from './batch-throughput.ts';
import { formatFigure, type BenchFigure } from './bench-report.ts';
import { forkMemory } from './fork-memory.ts';
import { gradingCost } from './grading-cost.ts';
import { harnessOverhead } from './harness-overhead.ts';
import { modelCallCpu } from './model-call-cpu.ts';
import { queueScaleOut } from './queue-scale-out.ts';
import { rolloutMemory } from './rollout-memory.ts';
import { runFolderStreaming } from './run-folder-streaming.ts';
import { startUp } from './start-up.ts';
import { traceStore } from './trace-store.ts';

// Benchmarks print figures against their targets; they are never timed tests.
// A section returns figures, and closes with its TARGET line (a string, printed as it is).
const suites: Array<[string, () => Array<BenchFigure | string> | Promise<Array<BenchFigure | string>>]> = [
  ['domains: grading cost (gradeTrajectory: gold replay, transcript replay, compare, diff)', gradingCost],
  ['domains: memory per concurrent fork', forkMemory],
  ['batch: memory per live rollout at 1,000 concurrent airline rollouts', rolloutMemory],
  ['batch: offline rollouts per second on one core', batchThroughput],
  ['batch: harness overhead against a loopback model server with a fixed latency (its own process)', harnessOverhead],
  ['batch: trace store, time per appended trajectory', traceStore],
  ['model path: harness CPU per model call on the real generate path (cache, events, store) vs a bare node:http client', modelCallCpu],
  ['cli: start-up of npx interplay (the compiled build) against node -e 0', startUp],
  ['batch: queue scale-out, 1, 2 and 4 worker processes on one Redis (BullMQ)', queueScaleOut],
  ['store: run folder streaming (events.jsonl size, regrade of 100k trajectories)', runFolderStreaming],
];

// An argument picks suites by a word of their title (e.g. `npm run bench -- harness`).
// Each suite runs in a process of its own: a section's figures never carry the heap, the JIT state or the
// open handles of the sections before it, so the whole run prints what each section prints alone.
const SECTION_FLAG = '--section';
const sectionIndex = process.argv.indexOf(SECTION_FLAG);
if (sectionIndex !== -1) {
  const [title, run] = suites[Number(process.argv[sectionIndex + 1])] as (typeof suites)[number];
  console.log(`\n${title}`);
  for (const figure of await run()) console.log(typeof figure === 'string' ? figure : formatFigure(figure));
  // A section may leave servers or sockets behind: its process ends with it.
  process.exit(0);
}
const only = process.argv.slice(2).map((word) => word.toLowerCase());
console.log(`interplay benchmarks — node ${process.version}, ${process.platform}/${process.arch} (each section in its own process)`);
const chosen = [...suites.entries()].filter(([, [title]]) => only.length === 0 || only.some((word) => title.toLowerCase().includes(word)));
if (chosen.length === 0) {
  console.error(`no section's title has ${only.map((word) => `"${word}"`).join(' or ')}; the sections:\n${suites.map(([title]) => `  ${title}`).join('\n')}`);
  process.exit(2);
}
let failed = 0;
for (const [index, [title]] of chosen) {
  const section = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), SECTION_FLAG, String(index)], { stdio: 'inherit' });
  if (section.status !== 0) {
    failed += 1;
    console.log(`  section failed (${section.signal ?? `exit ${section.status}`}): ${title}`);
  }
}
if (failed > 0) process.exitCode = 1;
