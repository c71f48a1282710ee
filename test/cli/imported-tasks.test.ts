import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasTauBench, tauBenchDataFolder, tauBenchFolder, tauBenchMissing } from '../support/tau-bench-reference.ts';
import { runInterplay } from '../support/run-cli.ts';

type TauDomain = 'retail' | 'airline';

const id = (domain: TauDomain, index: number) => `tau-${domain}-dev-${String(index).padStart(4, '0')}`;

/**
 * tau-bench's dev tasks whose gold changes nothing, names no outputs and ends with no transfer (pure
 * refusals): only a judge can grade them. Airline 13's gold changes nothing either, but it is a
 * transfer: the agent's own transfer is the evidence, so it needs no judge.
 */
const judgeRequired: Record<TauDomain, number[]> = { retail: [17], airline: [12, 15, 17, 18, 21, 24] };

/**
 * The airline dev tasks whose gold breaks tau-bench's own policy (tau2-bench fixed each of them):
 * 10 cancels an economy reservation booked two weeks earlier without insurance; 16 sends a $150
 * certificate for a delayed flight the user neither changes nor cancels; 19 charges a regular member's
 * first economy bag (one is free) and moves a DTW-LGA round trip to JFK; 23 charges a gold member's two
 * economy bags (three are free).
 */
const policyExceptions: Record<TauDomain, Record<number, string[]>> = {
  retail: {},
  airline: { 10: ['cancellation-eligibility'], 16: ['compensation-eligibility'], 19: ['checked-bag-allowance', 'trip-unchanged-by-flight-change'], 23: ['checked-bag-allowance'] },
};

const taskCount: Record<TauDomain, number> = { retail: 20, airline: 25 };

interface StoredTrajectory {
  blueprintId: string;
  termination: { reason: string };
  verdict: { kept: boolean; reason: string };
}
const readTrajectories = (run: string): StoredTrajectory[] =>
  readFileSync(join(run, 'trajectories.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as StoredTrajectory);

/** The blueprint ids whose stage printed a warning starting with `kind` in `validate`'s output. */
function warned(stdout: string, kind: string): Set<string> {
  const ids = new Set<string>();
  let current = '';
  for (const line of stdout.split('\n')) {
    const header = /^(tau-\S+) \(\w+\): /.exec(line);
    if (header) current = header[1] as string;
    else if (line.startsWith(`      warning: ${kind}`)) ids.add(current);
  }
  return ids;
}

if (!hasTauBench) it.skip(tauBenchMissing, () => {});

describe.skipIf(!hasTauBench)("tau-bench's dev tasks end to end: import, validate --offline, generate --offline with the oracle agent", () => {
  for (const domain of ['retail', 'airline'] as const) {
    it(`${domain}: every task passes validation (judge-required and policy exceptions as warnings); every task that needs no judge keeps a trajectory, the others are refused without a judge`, async () => {
      const folder = mkdtempSync(join(tmpdir(), 'interplay-imported-tasks-'));
      const out = join(folder, domain);
      const tasks = `${tauBenchFolder}tau-bench/${domain}/${domain}_tasks_dev.json`;
      const imported = await runInterplay(['import', 'tau-bench', '--domain', domain, '--data', tauBenchDataFolder(domain), '--tasks', tasks, '--out', out]);
      expect(imported.code).toBe(0);
      for (const [index, rules] of Object.entries(policyExceptions[domain])) {
        expect(imported.stdout).toContain(`${id(domain, Number(index))}: tau-bench's gold breaks ${rules.join(', ')} (recorded as provenance.policyExceptions`);
      }
      const data = join(out, 'data');
      const blueprints = join(out, 'blueprints');
      const files = readdirSync(blueprints).sort();
      expect(files).toHaveLength(taskCount[domain]);

      // Without --data the imported users are unknown: the error says which data folder to pass.
      const withoutData = await runInterplay(['validate', '--offline', join(blueprints, files[0] as string)]);
      expect(withoutData.stdout).toMatch(/userId: no user "\w+" in the \w+ data \(it was imported from tau-bench: pass --data with the data folder of that import, <out>\/data\)/);

      const validate = await runInterplay(['validate', '--offline', '--data', data, blueprints]);
      expect(validate.stderr).toBe('');
      expect(validate.code).toBe(0);
      expect(validate.stdout).toContain(`${taskCount[domain]} blueprints: ${taskCount[domain]} accepted (100%), 0 rejected`);
      const needJudge = judgeRequired[domain].map((index) => id(domain, index));
      expect([...warned(validate.stdout, 'judge-required')].sort()).toEqual(needJudge);
      expect([...warned(validate.stdout, 'policy exception')].sort()).toEqual(Object.keys(policyExceptions[domain]).map((index) => id(domain, Number(index))));
      for (const [index, rules] of Object.entries(policyExceptions[domain])) {
        const section = validate.stdout.slice(validate.stdout.indexOf(`${id(domain, Number(index))} (`)).split('\n  - committee')[0] as string;
        expect([...section.matchAll(/warning: policy exception: rule ([\w-]+)/g)].map((match) => match[1]).sort()).toEqual(rules);
      }

      const generate = (extra: string[], run: string) => runInterplay(['generate', '--domain', domain, '--data', data, '--offline', '--trials', '1', '--concurrency', '8', '--out', join(folder, run), ...extra]);
      // Every blueprint at once: the judge-required ones are refused, in one line naming them and the flags; nothing runs.
      const refused = await generate(['--blueprints', blueprints], 'refused');
      expect(refused.code).toBe(1);
      expect(refused.stderr.trim().split('\n')).toEqual([
        `error: ${needJudge.length} of ${taskCount[domain]} blueprint(s) need a judge (their gold changes nothing, names no outputs and ends with no transfer, so only a judge can grade them): ${needJudge.join(', ')}; pass --judge-model (with model roles: --offline has no judge), or --unvalidated to roll them out graded unverifiable (never kept); nothing was rolled out`,
      ]);
      expect(existsSync(join(folder, 'refused'))).toBe(false);

      // Every other task keeps a trajectory with the oracle agent: transfers and recorded policy exceptions included.
      const gradable = files.filter((file) => !needJudge.includes(file.replace(/\.json$/, '')));
      const kept = await generate(['--blueprints', ...gradable.map((file) => join(blueprints, file))], 'kept');
      expect(kept.stderr).toBe('');
      expect(kept.code).toBe(0);
      const trajectories = readTrajectories(join(folder, 'kept'));
      expect(trajectories.filter((trajectory) => trajectory.verdict.kept).map((trajectory) => trajectory.blueprintId).sort()).toEqual(gradable.map((file) => file.replace(/\.json$/, '')));
      if (domain === 'airline') expect(trajectories.find((trajectory) => trajectory.blueprintId === id('airline', 13))?.termination.reason).toBe('transfer');

      // With --unvalidated the judge-required ones run without a judge: unverifiable, never kept.
      const unverified = await generate(['--unvalidated', '--blueprints', ...needJudge.map((blueprint) => join(blueprints, `${blueprint}.json`))], 'unverified');
      expect(unverified.code).toBe(0);
      const verdicts = readTrajectories(join(folder, 'unverified')).map((trajectory) => [trajectory.blueprintId, trajectory.verdict.kept, trajectory.verdict.reason]);
      expect(verdicts.sort()).toEqual(needJudge.map((blueprint) => [blueprint, false, 'unverifiable']));
    });
  }
});
