import { formatFigure, type BenchFigure } from './bench-report.ts';
import { forkMemory } from './fork-memory.ts';
import { gradingCost } from './grading-cost.ts';

// Benchmarks print figures against their targets; they are never timed tests.
const suites: Array<[string, () => BenchFigure[]]> = [
  ['domains: grading cost (fresh state + gold replay + final hash)', gradingCost],
  ['domains: memory per concurrent fork', forkMemory],
];

console.log(`interplay benchmarks — node ${process.version}, ${process.platform}/${process.arch}`);
for (const [title, run] of suites) {
  console.log(`\n${title}`);
  for (const figure of run()) console.log(formatFigure(figure));
}
