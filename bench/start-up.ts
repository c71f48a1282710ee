import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packagePath, packageRoot } from '../src/package-root.ts';
import { formatFigure, formatTargetLine, median, type BenchFigure } from './bench-report.ts';
import { ensureFreshBuild, interplayBin } from './fresh-build.ts';

/** Rounds per command; the figure is their median. */
const ROUNDS = 7;
/** Rounds of the old entry point (tsx compiling every module first): seconds each, shown for comparison only. */
const TSX_ROUNDS = 3;

/** Wall time (ms) of one spawned process, from spawn to exit; it must exit 0. */
function timedRun(args: readonly string[], label: string): number {
  const started = performance.now();
  const child = spawnSync(process.execPath, args, { cwd: packageRoot, stdio: ['ignore', 'ignore', 'pipe'], env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } });
  const elapsed = performance.now() - started;
  if (child.status !== 0) throw new Error(`${label} exited ${child.status}: ${child.stderr.toString('utf8').trim()}`);
  return elapsed;
}

/** The first shipped retail blueprint: `interplay replay` of one task. */
function oneShippedBlueprint(): string {
  const folder = packagePath('blueprints', 'retail');
  const file = readdirSync(folder).filter((name) => name.endsWith('.json') && name !== 'index.json').sort()[0];
  if (!file) throw new Error(`no blueprint in ${folder}`);
  return join(folder, file);
}

/**
 * How long `npx interplay` takes to start, as a user runs it (bin/interplay.js, the compiled build):
 * `--help`, `--version`, `replay` of one shipped blueprint and the offline demo, each the median wall
 * time of its spawned process over ROUNDS rounds, against a bare `node -e 0` measured in the same
 * rounds (interleaved, so load on the machine weighs on both alike). The old entry point (tsx) is
 * shown for comparison. Prints its own figures, then the TARGET lines, and returns none.
 */
export function startUp(): BenchFigure[] {
  ensureFreshBuild();
  const blueprint = oneShippedBlueprint();
  const demoRoot = mkdtempSync(join(tmpdir(), 'interplay-bench-demo-'));
  const commands: Array<{ name: string; args: string[] }> = [
    { name: 'node -e 0', args: ['-e', '0'] },
    { name: 'interplay --help', args: [interplayBin, '--help'] },
    { name: 'interplay --version', args: [interplayBin, '--version'] },
    { name: 'interplay replay (one blueprint)', args: [interplayBin, 'replay', blueprint] },
    { name: 'interplay demo', args: [interplayBin, 'demo', '--out', demoRoot] },
  ];
  const samples = new Map(commands.map(({ name }) => [name, [] as number[]]));
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const { name, args } of commands) {
        if (name === 'interplay demo') rmSync(demoRoot, { recursive: true, force: true });
        samples.get(name)?.push(timedRun(args, name));
      }
    }
  } finally {
    rmSync(demoRoot, { recursive: true, force: true });
  }
  const tsxHelp = Array.from({ length: TSX_ROUNDS }, () => timedRun(['--import', 'tsx', packagePath('src', 'cli', 'main.ts'), '--help'], 'tsx --help'));

  const medianOf = (name: string) => median(samples.get(name) ?? []);
  const node = medianOf('node -e 0');
  for (const { name } of commands) {
    const value = medianOf(name);
    console.log(formatFigure({ name, value, unit: 'ms', note: name === 'node -e 0' ? `median of ${ROUNDS}, the reference` : `median of ${ROUNDS}, ${(value / node).toFixed(1)}x node -e 0` }));
  }
  const tsx = median(tsxHelp);
  console.log(formatFigure({ name: 'interplay --help through tsx (the old entry point)', value: tsx, unit: 'ms', note: `median of ${TSX_ROUNDS}, ${(tsx / node).toFixed(1)}x node -e 0` }));
  for (const [name, limit] of [
    ['interplay --help', 12],
    ['interplay replay (one blueprint)', 20],
  ] as const) {
    console.log(formatTargetLine({ target: 'cli start-up', figure: { name, value: medianOf(name), unit: 'ms' }, reference: { name: 'node -e 0', value: node, unit: 'ms' }, limit: { comparison: '<=', value: limit } }));
  }
  return [];
}
