import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { retail } from '../../../domains/retail/index.ts';
import { BLUEPRINT_SCHEMA_VERSION, type Blueprint } from '../../../src/blueprints/blueprint.ts';
import type { Domain } from '../../../src/domain-kit/index.ts';
import type { Trajectory } from '../../../src/rollout/trajectory.ts';
import { RunFolder, writeRunInputs, type ExportItem, type LoadGradingData } from '../../../src/store/index.ts';
import { retailBase } from '../../support/default-retail.ts';

/** The blueprint the golden trajectories (test/store/fixtures/trajectory-v1.json) were rolled out from, on the shipped retail data. */
export function soundbarBlueprint(): Blueprint {
  return {
    schemaVersion: BLUEPRINT_SCHEMA_VERSION,
    id: 'retail-cancel-soundbar-order',
    domain: 'retail',
    userId: 'chet_klein_6896',
    instruction: 'Your email is chet.klein5490@example.com. Cancel order #W4049349 (a soundbar you no longer need).',
    actions: [
      { name: 'find_user_id_by_email', arguments: { email: 'chet.klein5490@example.com' } },
      { name: 'get_order_details', arguments: { order_id: '#W4049349' } },
      { name: 'cancel_pending_order', arguments: { order_id: '#W4049349', reason: 'no longer needed' } },
    ],
    outputs: [],
    provenance: { kind: 'authored' },
    status: 'validated',
    createdAt: '2026-01-02T03:04:05.000Z',
  };
}

/** The shipped retail domain and data, whatever data folder the run names (these runs use the shipped one). */
export const loadShippedRetail: LoadGradingData = (domain) => {
  if (domain !== 'retail') throw new Error(`the fixtures are retail runs, not ${domain}`);
  return { domain: retail as unknown as Domain, base: retailBase() };
};

/** An export item as the export builds it: the stored verdict standing for the new one (the golden fixtures' verdicts hold). */
export const itemOf = (trajectory: Trajectory, blueprint: Blueprint = soundbarBlueprint(), taskId = 0): ExportItem => ({ trajectory, verdict: trajectory.verdict, blueprint, taskId });

/** A retail run folder holding these trajectories, with its inputs: the blueprints and the shipped data's hash. */
export async function runFolderWith(trajectories: readonly Trajectory[], options: { blueprints?: Blueprint[]; folder?: string; config?: Record<string, unknown> } = {}): Promise<string> {
  const folder = options.folder ?? join(mkdtempSync(join(tmpdir(), 'interplay-export-')), 'run');
  const run = await RunFolder.create(folder, { runId: 'run-1', codeVersion: '0.1.0', domain: 'retail', seed: 1, config: options.config ?? {}, models: {} }, { now: () => new Date('2026-01-02T03:04:05.000Z') });
  await writeRunInputs(folder, { dataFolder: null, baseHash: retailBase().hash(), blueprints: options.blueprints ?? [soundbarBlueprint()] });
  for (const trajectory of trajectories) await run.record(trajectory);
  await run.close();
  return folder;
}
