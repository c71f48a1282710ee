import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What a finished run folder says about its batch, for comparing a resumed run with an uninterrupted one:
 * every trajectory by id (verdict, messages, final state hash) without its timings, the manifest's counts,
 * phase 1's verdicts and the summary (without the mean duration), and the blueprints in its inputs. The
 * run id (the folder's name) and times are left out: they are the only parts that may differ.
 */
export function runFolderOutcome(folder: string) {
  const trajectories = readFileSync(join(folder, 'trajectories.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const { timings: _timings, ...rest } = JSON.parse(line) as { id: string; timings: unknown; verdict: { kept: boolean } };
      return rest;
    });
  const ids = trajectories.map((trajectory) => trajectory.id);
  const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
  const { meanDurationMs: _duration, ...summary } = manifest.batch?.summary ?? {};
  const inputs = JSON.parse(readFileSync(join(folder, 'inputs.json'), 'utf8'));
  return {
    /** Each id once: a duplicate would show here as a longer list than the set. */
    duplicates: ids.length - new Set(ids).size,
    trajectories: trajectories.sort((left, right) => left.id.localeCompare(right.id)),
    counts: manifest.counts,
    verdicts: manifest.batch?.validation?.verdicts,
    summary,
    settings: { domain: manifest.domain, seed: manifest.seed, config: manifest.config, models: manifest.models },
    blueprints: inputs.blueprints,
  };
}
