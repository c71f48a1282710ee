import { batchThroughput } from './batch-throughput.ts';
import { formatFigure, type BenchFigure } from './bench-report.ts';
import { forkMemory } from './fork-memory.ts';
import { gradingCost } from './grading-cost.ts';
import { harnessOverhead } from './harness-overhead.ts';
import { rolloutMemory } from './rollout-memory.ts';
import { runFolderStreaming } from './run-folder-streaming.ts';
import { traceStore } from './trace-store.ts';

// Benchmarks print figures against their targets; they are never timed tests.
const suites: Array<[string, () => Array<BenchFigure | string> | Promise<Array<BenchFigure | string>>]> = [
  ['domains: grading cost (fresh state + gold replay + final hash)', gradingCost],
  ['domains: memory per concurrent fork', forkMemory],
  ['batch: peak memory at 1,000 concurrent airline rollouts', rolloutMemory],
  ['batch: offline rollouts per second on one core', batchThroughput],
  ['batch: harness overhead against a loopback model server with a fixed latency (its own process)', harnessOverhead],
  ['batch: trace store, time per appended trajectory', traceStore],
  ['store: run folder streaming (events.jsonl size, regrade of 100k trajectories)', runFolderStreaming],
];

// An argument picks suites by a word of their title (e.g. `npm run bench -- harness`).
const only = process.argv.slice(2).map((word) => word.toLowerCase());
console.log(`interplay benchmarks — node ${process.version}, ${process.platform}/${process.arch}`);
for (const [title, run] of suites) {
  if (only.length > 0 && !only.some((word) => title.toLowerCase().includes(word))) continue;
  console.log(`\n${title}`);
  for (const figure of await run()) console.log(typeof figure === 'string' ? figure : formatFigure(figure));
}
