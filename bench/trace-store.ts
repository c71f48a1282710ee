import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getDomain } from '../domains/index.ts';
import { offlineRoles } from '../src/batch/offline-roles.ts';
import { planJobs } from '../src/batch/rollout-job.ts';
import { readBlueprintFile } from '../src/blueprints/blueprint-files.ts';
import { runRollout } from '../src/rollout/run-rollout.ts';
import type { Trajectory } from '../src/rollout/trajectory.ts';
import { RunFolder } from '../src/store/index.ts';
import { formatTargetLine, type BenchFigure } from './bench-report.ts';

/** A realistic trajectory: an offline airline rollout with lookups and a write (~10 KB of JSON). */
async function realisticTrajectory(): Promise<Trajectory> {
  const domain = getDomain('airline');
  const base = domain.createBase();
  const blueprint = readBlueprintFile(fileURLToPath(new URL('../blueprints/airline/airline-change-flight-date-1.json', import.meta.url)));
  const [job] = planJobs([blueprint], 1, 1);
  const { human, agent } = offlineRoles(domain, job!, 'oracle');
  return runRollout({ domain, base, blueprint, attempt: 0, seed: job!.seed, human, agent, clock: () => new Date(0) });
}

/**
 * Time per appended trajectory in a run folder (fsynced log line + manifest count), measured over the
 * last 1,000 appends before the log holds 1k, 10k and 100k trajectories. 32 appends are kept in flight,
 * as a batch at concurrency 32 would. Flat means the store costs the same at any size.
 */
export async function traceStore(): Promise<Array<BenchFigure | string>> {
  const template = await realisticTrajectory();
  const bytes = Buffer.byteLength(JSON.stringify(template));
  const folder = join(mkdtempSync(join(tmpdir(), 'interplay-bench-store-')), 'run');
  const run = await RunFolder.create(folder, { runId: 'bench', codeVersion: 'bench', domain: 'airline', seed: 1, config: {}, models: {} }, { now: () => new Date(0) });
  const figures: BenchFigure[] = [];
  const lines: Array<BenchFigure | string> = [];
  try {
    let appended = 0;
    const appendUpTo = async (target: number) => {
      const inFlight = new Set<Promise<void>>();
      while (appended < target) {
        const trajectory = { ...template, id: `${template.blueprintId}#${appended}`, attempt: appended };
        appended++;
        const pending: Promise<void> = run.record(trajectory).then(() => void inFlight.delete(pending));
        inFlight.add(pending);
        if (inFlight.size >= 32) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
    };
    for (const size of [1_000, 10_000, 100_000]) {
      await appendUpTo(size - 1_000);
      const start = performance.now();
      await appendUpTo(size);
      figures.push({ name: `time per appended trajectory at ${size.toLocaleString('en-US')} (${(bytes / 1024).toFixed(1)} KiB each)`, value: (performance.now() - start) / 1_000, unit: 'ms', target: { comparison: '<', value: 1 } });
    }
  } finally {
    await run.close();
    rmSync(folder, { recursive: true, force: true });
  }
  lines.push(...figures);
  const [first, , last] = figures;
  if (first && last) {
    lines.push(
      formatTargetLine({
        target: 'the store costs the same at any size',
        figure: { name: 'time per append at 100k', value: last.value, unit: 'ms' },
        reference: { name: 'at 1k, same run', value: first.value, unit: 'ms' },
        limit: { comparison: '<=', value: 1.5 },
      }),
    );
  }
  return lines;
}
