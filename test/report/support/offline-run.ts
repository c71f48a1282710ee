import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runGenerate } from '../../batch/support/run-generate.ts';

const shippedRetail = fileURLToPath(new URL('../../../blueprints/retail', import.meta.url));

export const scratchFolder = (label: string) => mkdtempSync(join(tmpdir(), `interplay-report-${label}-`));

/**
 * A real offline run made by `interplay generate --offline --fallible` over shipped retail blueprints plus
 * one that fails validation (so the funnel has a rejection), with a failed job logged beside it.
 */
export async function offlineRun(options: { trials?: number; blueprints?: string[] } = {}): Promise<string> {
  const root = scratchFolder('run');
  const blueprints = join(root, 'blueprints');
  mkdirSync(blueprints);
  const ids = options.blueprints ?? ['retail-cancel-pending-order', 'retail-update-default-address', 'retail-modify-order-items-1', 'retail-return-delivered-item', 'retail-exchange-delivered-item'];
  for (const id of ids) copyFileSync(join(shippedRetail, `${id}.json`), join(blueprints, `${id}.json`));
  const broken = JSON.parse(readFileSync(join(shippedRetail, 'retail-cancel-pending-order.json'), 'utf8'));
  writeFileSync(join(blueprints, 'retail-broken.json'), JSON.stringify({ ...broken, id: 'retail-broken', actions: [{ name: 'teleport_order', arguments: {} }] }));
  const out = join(root, 'run');
  const run = await runGenerate(['--domain', 'retail', '--blueprints', blueprints, '--offline', '--fallible', '--trials', String(options.trials ?? 3), '--out', out]);
  if (run.code !== 0) throw new Error(`generate failed: ${run.stderr}`);
  // A job the batch gave up on (the failed-jobs file the batch writes; see the common contract).
  appendFileSync(join(out, 'failed-jobs.jsonl'), `${JSON.stringify({ schemaVersion: 1, jobId: 'retail-cancel-pending-order#9', blueprintId: 'retail-cancel-pending-order', attempt: 9, termination: { reason: 'infrastructure-error', detail: 'connection refused' }, role: 'agent', model: 'gpt-test', at: '2026-01-02T03:04:05.000Z' })}\n`);
  return out;
}

/**
 * A run of `total` trajectories made quickly from a real offline run: its trajectories are copied with new
 * attempts (ids `<blueprint>#<attempt>`) until the log holds `total`, as if each blueprint had many trials.
 */
export async function largeOfflineRun(total: number): Promise<string> {
  const source = await offlineRun({ trials: 2 });
  const folder = join(scratchFolder('large'), 'run');
  mkdirSync(folder, { recursive: true });
  copyFileSync(join(source, 'inputs.json'), join(folder, 'inputs.json'));
  const originals = readFileSync(join(source, 'trajectories.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
  // The manifest says what such a run would have planned: `total` jobs over the same blueprints.
  const manifest = JSON.parse(readFileSync(join(source, 'manifest.json'), 'utf8'));
  const blueprints = new Set(originals.map((trajectory) => trajectory.blueprintId)).size;
  writeFileSync(join(folder, 'manifest.json'), JSON.stringify({ ...manifest, config: { ...manifest.config, trials: total / blueprints } }));
  const attempts = new Map<string, number>();
  const lines: string[] = [];
  for (let index = 0; index < total; index++) {
    const original = originals[index % originals.length];
    const attempt = attempts.get(original.blueprintId) ?? 0;
    attempts.set(original.blueprintId, attempt + 1);
    lines.push(JSON.stringify({ ...original, id: `${original.blueprintId}#${attempt}`, attempt }));
  }
  writeFileSync(join(folder, 'trajectories.jsonl'), `${lines.join('\n')}\n`);
  return folder;
}
