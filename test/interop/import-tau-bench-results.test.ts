import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tauBenchTermination } from '../../src/interop/tau-bench-results.ts';
import type { ChatMessage } from '../../src/models/chat-message.ts';
import { readRunInputs, readTrajectoryLog } from '../../src/store/index.ts';
import { runInterplay } from '../support/run-cli.ts';
import { soundbarBlueprint } from '../store/exports/export-fixtures.ts';
import { keptTrajectory } from '../store/trajectory-fixtures.ts';

const shippedRetailData = fileURLToPath(new URL('../../domains/retail/data', import.meta.url));
const scratch = () => mkdtempSync(join(tmpdir(), 'interplay-tau-results-'));

/**
 * The golden kept trajectory as tau-bench writes it: litellm's `model_dump()` of each assistant message
 * (extra keys, arguments as text), tool messages with a `name`, the task in `info.task`.
 */
function tauBenchEntry(overrides: { task_id?: number; trial?: number; reward?: number; traj?: unknown[]; task?: object } = {}) {
  const blueprint = soundbarBlueprint();
  const traj = keptTrajectory().messages.map((message) => {
    if (message.role === 'assistant') return { content: message.content, refusal: null, role: 'assistant', function_call: null, tool_calls: message.tool_calls ?? null };
    if (message.role === 'tool') return { ...message, name: 'some_tool' };
    return message;
  });
  return {
    task_id: overrides.task_id ?? 3,
    reward: overrides.reward ?? 1.0,
    info: {
      task: overrides.task ?? { user_id: blueprint.userId, actions: blueprint.actions.map((action) => ({ name: action.name, kwargs: action.arguments })), instruction: blueprint.instruction, outputs: [] },
      source: 'user',
      user_cost: 0.01,
      reward_info: { reward: 1.0, info: { r_actions: 1.0, gt_data_hash: 'tau-bench-hash' }, actions: [] },
    },
    traj: overrides.traj ?? traj,
    trial: overrides.trial ?? 0,
  };
}

function resultsFile(entries: unknown[]): string {
  const file = join(scratch(), 'results.json');
  writeFileSync(file, JSON.stringify(entries));
  return file;
}

const importResults = (results: string, out: string, extra: string[] = ['--json']) =>
  runInterplay(['import', 'tau-bench-results', '--domain', 'retail', '--data', shippedRetailData, '--results', results, '--out', out, ...extra]);

const jsonLines = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

describe('interplay import tau-bench-results', () => {
  it('grades every entry, prints one line per entry and the agreement, and writes a run folder regrade and export read', async () => {
    const withoutStop = tauBenchEntry({ trial: 1 }).traj.slice(0, -1);
    const wrongCancel = structuredClone(tauBenchEntry({ trial: 2, reward: 0 }).traj) as Array<{ tool_calls?: Array<{ function: { arguments: unknown } }> | null }>;
    // tau-bench may store arguments as an object; this agent cancelled for another reason than the gold.
    wrongCancel[10]!.tool_calls![0]!.function.arguments = { order_id: '#W4049349', reason: 'ordered by mistake' };
    const file = resultsFile([tauBenchEntry(), tauBenchEntry({ trial: 1, traj: withoutStop }), tauBenchEntry({ trial: 2, reward: 0, traj: wrongCancel })]);
    const out = join(scratch(), 'run');
    const run = await importResults(file, out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = jsonLines(run.stdout);
    expect(run.stdout.split('\n')[0]).toBe('{"task_id": 3, "trial": 0, "tau_reward": 1, "state_match": true, "outputs_ok": true, "kept": true}');
    expect(lines.slice(0, 3)).toEqual([
      { task_id: 3, trial: 0, tau_reward: 1, state_match: true, outputs_ok: true, kept: true },
      // tau-bench rewards an episode without the user's stop; interplay does not keep it.
      { task_id: 3, trial: 1, tau_reward: 1, state_match: true, outputs_ok: true, kept: false },
      { task_id: 3, trial: 2, tau_reward: 0, state_match: false, outputs_ok: true, kept: false },
    ]);
    expect(lines[3]).toEqual({
      summary: { entries: 3, tau_successes: 2, kept: 1, agree: 2, agreement: 2 / 3, disagreements: [{ task_id: 3, trial: 1, tau_reward: 1, state_match: true, outputs_ok: true, kept: false, reason: 'not-user-stop' }] },
      run: out,
    });

    const log = await readTrajectoryLog(join(out, 'trajectories.jsonl'));
    expect(log.trajectories.map((trajectory) => [trajectory.id, trajectory.termination.reason, trajectory.verdict.reason])).toEqual([
      ['tau-retail-0003#0', 'user-stop', 'accepted'],
      ['tau-retail-0003#1', 'max-turns', 'not-user-stop'],
      // The cancel's arguments were changed but not its stored result: the transcript no longer replays.
      ['tau-retail-0003#2', 'user-stop', 'invalid-transcript'],
    ]);
    // The traj came back as interplay's messages: the same as the trajectory tau-bench's file was made from.
    expect(log.trajectories[0]?.messages).toEqual(keptTrajectory().messages);
    expect(log.trajectories[2]?.messages[10]).toMatchObject({ tool_calls: [{ function: { arguments: '{"order_id":"#W4049349","reason":"ordered by mistake"}' } }] });
    const inputs = await readRunInputs(out);
    expect(inputs).toMatchObject({ dataFolder: shippedRetailData, blueprints: [{ id: 'tau-retail-0003', provenance: { kind: 'imported', source: 'tau-bench', taskIndex: 3 } }] });
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ domain: 'retail', config: { command: 'import tau-bench-results', outputsMatch: 'tau-bench' }, counts: { trajectories: 3, kept: 1 } });

    const regrade = await runInterplay(['regrade', out]);
    expect(regrade.stdout).toContain('re-graded 3 trajectories without a model: 0 verdict(s) differ from the stored ones');
    const exported = await runInterplay(['export', '--format', 'tau-bench', out, '--out', join(out, '..', 'again.json')]);
    expect(exported.stdout).toContain('exported 1 trajectory as tau-bench');
    expect(JSON.parse(readFileSync(join(out, '..', 'again.json'), 'utf8'))).toMatchObject([{ task_id: 3, reward: 1, trial: 0 }]);
  });

  it('prints a plain summary without --json, listing the disagreements', async () => {
    const file = resultsFile([tauBenchEntry(), tauBenchEntry({ trial: 1, traj: tauBenchEntry().traj.slice(0, -1) })]);
    const out = join(scratch(), 'run');
    const run = await importResults(file, out, []);
    expect(run.stdout).toBe(
      `graded 2 tau-bench results (retail) into ${out}\ntau-bench rewarded 2, interplay kept 1: they agree on 1 of 2 (50.0%)\n  task 3 trial 1: tau-bench reward 1, interplay rejected (not-user-stop)\n`,
    );
  });

  it('names the entry and field of bad input, and writes nothing', async () => {
    const entry = tauBenchEntry();
    const cases: Array<[unknown, RegExp]> = [
      [{ not: 'a list' }, /a tau-bench results file is a JSON array/],
      [[{ ...entry, task_id: '3' }], /entry 0 \(trial 0\): task_id: Invalid input: expected number, received string/],
      [[{ ...entry, info: { ...entry.info, task: { ...entry.info.task, instruction: ' ' } } }], /entry 0 \(task_id 3, trial 0\): info\.task\.instruction: is empty/],
      [[entry, { ...entry, traj: [...entry.traj.slice(0, 3), { role: 'function', content: 'x' }] , trial: 1 }], /entry 1 \(task_id 3, trial 1\): traj\.3\.role: "function" is not system, user, assistant or tool/],
      [[{ ...entry, traj: entry.traj.slice(1) }], /entry 0 \(task_id 3, trial 0\): traj\.0: the trajectory starts with the system message/],
      [[entry, entry], /entry 1 \(task_id 3, trial 0\): task_id 3 trial 0 was already given by entry 0/],
      [[entry, { ...entry, trial: 1, info: { ...entry.info, task: { ...entry.info.task, outputs: ['437.44'] } } }], /entry 1 \(task_id 3, trial 1\): info\.task differs from the task of an earlier entry with task_id 3/],
      [[{ ...entry, info: { ...entry.info, task: { ...entry.info.task, actions: [{ name: 'book_flight', kwargs: {} }] } } }], /entry 0 \(task_id 3, trial 0\): info\.task\.actions\.0\.name: "book_flight" is not a retail tool/],
    ];
    for (const [content, message] of cases) {
      const out = join(scratch(), 'run');
      const run = await importResults(resultsFile(content as unknown[]), out);
      expect(run.code, String(message)).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe('');
      expect(existsSync(out)).toBe(false);
    }
    const taken = scratch();
    writeFileSync(join(taken, 'notes.txt'), 'keep me');
    const run = await importResults(resultsFile([entry]), taken);
    expect(run.stderr).toContain(`${taken}: already exists and is not empty`);
    expect(readdirSync(taken)).toEqual(['notes.txt']);
  });
});

describe('tauBenchTermination', () => {
  const system: ChatMessage = { role: 'system', content: 'policy' };
  const transferCall: ChatMessage = { role: 'assistant', content: null, tool_calls: [{ id: 't1', type: 'function', function: { name: 'transfer_to_human_agents', arguments: '{"summary": "x"}' } }] };
  it('reads the ending from the messages: a stop token, a transfer call, else the step limit', () => {
    expect(tauBenchTermination([system, { role: 'user', content: 'Thanks ###STOP###' }])).toEqual({ reason: 'user-stop' });
    expect(tauBenchTermination([system, { role: 'user', content: '###TRANSFER###' }])).toEqual({ reason: 'transfer' });
    expect(tauBenchTermination([system, transferCall, { role: 'tool', tool_call_id: 't1', content: 'Transfer successful' }]).reason).toBe('transfer');
    expect(tauBenchTermination([system, { role: 'user', content: 'Thanks ###STOP###' }, { role: 'assistant', content: 'Bye' }]).reason).toBe('max-turns');
    expect(tauBenchTermination([system, { role: 'user', content: '###STOP###', note: 'protocol' }]).reason).toBe('max-turns');
  });
});
