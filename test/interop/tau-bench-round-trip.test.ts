import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getDomain } from '../../domains/index.ts';
import type { ShareGptRecord } from '../../src/store/index.ts';
import { runGenerate } from '../batch/support/run-generate.ts';
import { envRunResultSchema } from '../store/exports/env-run-result-schema.ts';
import { runInterplay } from '../support/run-cli.ts';
import { hasTauBench, tauBenchDataFolder, tauBenchFolder, tauBenchMissing } from '../support/tau-bench-reference.ts';

if (!hasTauBench) it.skip(tauBenchMissing, () => {});

interface ExportedResult {
  task_id: number;
  reward: number;
  trial: number;
  info: { task: { actions: unknown[] }; blueprint_id: string };
}

/**
 * interplay runs on tau-bench's imported dev tasks (the oracle agent, and the fallible agent that makes
 * seeded mistakes), exported as a tau-bench results file and imported back: interplay's grading of
 * tau-bench's own format must agree with the rewards it wrote, every time.
 */
describe.skipIf(!hasTauBench)('a tau-bench round trip', () => {
  for (const domain of ['retail', 'airline'] as const) {
    it(`${domain}: exported runs load as tau-bench's EnvRunResult and grade back to the same verdicts (100% agreement)`, async () => {
      const folder = mkdtempSync(join(tmpdir(), 'interplay-round-trip-'));
      const imported = join(folder, 'imported');
      const tasks = `${tauBenchFolder}tau-bench/${domain}/${domain}_tasks_dev.json`;
      expect((await runInterplay(['import', 'tau-bench', '--domain', domain, '--data', tauBenchDataFolder(domain), '--tasks', tasks, '--out', imported])).code).toBe(0);

      const exported: ExportedResult[] = [];
      for (const agent of [['--offline'], ['--offline', '--fallible']]) {
        const run = join(folder, `run${agent.length}`);
        // --unvalidated: the judge-required tasks (pure refusals) run too, graded unverifiable (reward 0) without a judge.
        const generate = await runGenerate(['--domain', domain, '--data', join(imported, 'data'), '--blueprints', join(imported, 'blueprints'), ...agent, '--unvalidated', '--trials', '2', '--out', run]);
        expect(generate.code).toBe(0);
        const file = join(folder, `results${agent.length}.json`);
        const exportRun = await runInterplay(['export', '--format', 'tau-bench', run, '--out', file, '--all']);
        expect(exportRun.stdout).toContain('every stored verdict held');
        exported.push(...(JSON.parse(readFileSync(file, 'utf8')) as ExportedResult[]));
      }
      for (const entry of exported) expect(envRunResultSchema.safeParse(entry).success, `${entry.info.blueprint_id} trial ${entry.trial}`).toBe(true);
      // The task ids are tau-bench's task indices, and the tasks its own actions (the added identification left out).
      expect(exported.map((entry) => entry.info.blueprint_id === `tau-${domain}-dev-${String(entry.task_id).padStart(4, '0')}`).every(Boolean)).toBe(true);
      const rewards = exported.map((entry) => entry.reward);
      // The fallible agent fails some: both verdicts are in the round trip.
      expect(rewards).toContain(0);
      expect(rewards).toContain(1);

      // Each generate run has its own trials 0 and 1: the oracle's and the fallible agent's go to separate results files.
      for (const [index, results] of [join(folder, 'results1.json'), join(folder, 'results2.json')].entries()) {
        const out = join(folder, `imported-results-${index}`);
        const run = await runInterplay(['import', 'tau-bench-results', '--domain', domain, '--data', tauBenchDataFolder(domain), '--results', results, '--out', out, '--json']);
        expect(run.stderr).toBe('');
        const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
        const entries = JSON.parse(readFileSync(results, 'utf8')) as ExportedResult[];
        expect(lines.slice(0, -1).map((line) => [line.task_id, line.trial, line.kept])).toEqual(entries.map((entry) => [entry.task_id, entry.trial, entry.reward === 1]));
        expect(lines.at(-1)).toMatchObject({ summary: { entries: entries.length, agree: entries.length, agreement: 1, disagreements: [] } });
      }
    });
  }

  it("exports imported tau-bench tasks as ShareGPT with tau-bench's own policy and tool texts", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'interplay-round-trip-'));
    const imported = join(folder, 'imported');
    const tasks = `${tauBenchFolder}tau-bench/retail/retail_tasks_dev.json`;
    await runInterplay(['import', 'tau-bench', '--domain', 'retail', '--data', tauBenchDataFolder('retail'), '--tasks', tasks, '--out', imported]);
    const run = join(folder, 'run');
    expect((await runGenerate(['--domain', 'retail', '--data', join(imported, 'data'), '--blueprints', join(imported, 'blueprints'), '--offline', '--unvalidated', '--trials', '2', '--out', run])).code).toBe(0);
    const out = join(folder, 'retail.json');
    const wiki = `${tauBenchFolder}tau-bench/retail/wiki.md`;
    const toolText = `${tauBenchFolder}tau-bench/tool_schemas.json`;
    const exported = await runInterplay(['export', '--format', 'sharegpt', run, '--out', out, '--policy-text', wiki, '--tool-text', toolText]);
    expect(exported.stderr).toBe('');
    // Two trials of 19 blueprints (task 17, judge-required, is rolled out unverifiable and not kept): where the scripted
    // human happened to greet the same way, the conversation is exported once.
    const [, written, duplicates] = /^exported (\d+) trajectories as sharegpt .*; skipped 2 not kept, (\d+) duplicates? of an exported conversation\n/.exec(exported.stdout) ?? [];
    expect(Number(written) + Number(duplicates)).toBe(38);
    expect(Number(duplicates)).toBeGreaterThan(0);
    const records = JSON.parse(readFileSync(out, 'utf8')) as ShareGptRecord[];
    expect(records).toHaveLength(Number(written));
    expect(new Set(records.map((record) => JSON.stringify(record))).size).toBe(records.length);
    const everyOne = await runInterplay(['export', '--format', 'sharegpt', run, '--out', join(folder, 'all.json'), '--all-successes', '--policy-text', wiki, '--tool-text', toolText]);
    expect(everyOne.stdout).toMatch(/^exported 38 trajectories as sharegpt/);
    const tauBenchTools = (JSON.parse(readFileSync(toolText, 'utf8')) as { retail: Array<{ function: unknown }> }).retail.map((tool) => tool.function);
    for (const record of records) {
      expect(record.system).toBe(readFileSync(wiki, 'utf8'));
      expect(JSON.parse(record.tools)).toEqual(tauBenchTools);
      expect(['gpt', 'observation']).toContain(record.conversations.at(-1)?.from);
    }
    expect(getDomain('retail').tools.map((tool) => tool.name).sort()).toEqual(tauBenchTools.map((tool) => (tool as { name: string }).name).sort());
  });
});
