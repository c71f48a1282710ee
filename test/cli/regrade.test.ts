import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../src/models/index.ts';
import type { Trajectory } from '../../src/rollout/trajectory.ts';
import { runInterplay } from '../support/run-cli.ts';

const scratch = () => mkdtempSync(join(tmpdir(), 'interplay-regrade-'));

/** One kept oracle trajectory of the shipped cancel blueprint, from a real offline rollout. */
let original: Trajectory;
let runFolder: string;
beforeAll(async () => {
  runFolder = join(scratch(), 'run');
  const run = await runInterplay(['rollout', '--domain', 'retail', '--blueprint', 'retail-cancel-pending-order', '--offline', '--out', runFolder]);
  expect(run.code).toBe(0);
  original = JSON.parse(readFileSync(join(runFolder, 'trajectories.jsonl'), 'utf8').trim());
  expect(original.verdict.kept).toBe(true);
});

const messagesOf = (trajectory: Trajectory) => structuredClone(trajectory.messages);
const findIndex = (messages: ChatMessage[], predicate: (message: ChatMessage) => boolean) => {
  const index = messages.findIndex(predicate);
  expect(index).toBeGreaterThan(0);
  return index;
};
const isCall = (name: string) => (message: ChatMessage) => message.role === 'assistant' && message.tool_calls?.[0]?.function.name === name;
const edited = (id: string, messages: ChatMessage[], change: Partial<Trajectory> = {}): Trajectory => ({ ...structuredClone(original), id: `retail-cancel-pending-order#${id}`, messages, ...change });

/** Issue 9's four leaks, each made by hand from the kept trajectory, the way a user would edit a log. */
function leaks(): Record<string, Trajectory> {
  const deletedStop = messagesOf(original).slice(0, -1);

  const refused = messagesOf(original);
  const write = findIndex(refused, isCall('cancel_pending_order'));
  const refusedThenWrite = [...refused.slice(0, write - 1), { role: 'user', content: 'No, do not cancel. ###STOP###' } as ChatMessage, ...refused.slice(write, write + 2)];

  const rewritten = messagesOf(original);
  const lookup = findIndex(rewritten, (message) => message.role === 'tool' && message.content.includes('"status": "pending"'));
  rewritten[lookup] = { ...(rewritten[lookup] as ChatMessage & { role: 'tool' }), content: (rewritten[lookup] as { content: string }).content.replace('"status": "pending"', '"status": "delivered"') };

  const unanswered = messagesOf(original);
  unanswered.splice(findIndex(unanswered, isCall('cancel_pending_order')) + 1, 1);

  return {
    deletedStop: edited('10', deletedStop),
    refusedThenWrite: edited('11', refusedThenWrite),
    rewrittenResult: edited('12', rewritten),
    unansweredWrite: edited('13', unanswered),
  };
}

function writeLog(folder: string, trajectories: Trajectory[]) {
  writeFileSync(join(folder, 'trajectories.jsonl'), `${trajectories.map((trajectory) => JSON.stringify(trajectory)).join('\n')}\n`);
}

describe('interplay regrade', () => {
  it("rejects each of issue 9's leaks with its reason, reports every difference, and keeps the honest trajectory", async () => {
    const made = leaks();
    const flipped = { ...structuredClone(original), id: 'retail-cancel-pending-order#14', verdict: { ...original.verdict, kept: false, reason: 'state-mismatch' as const } };
    writeLog(runFolder, [original, ...Object.values(made), flipped]);

    const json = await runInterplay(['regrade', runFolder, '--json']);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const lines = json.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.slice(0, -1).map(({ id, kept, reason }) => ({ id, kept, reason }))).toEqual([
      { id: 'retail-cancel-pending-order#0', kept: true, reason: 'accepted' },
      { id: 'retail-cancel-pending-order#10', kept: false, reason: 'invalid-transcript' },
      { id: 'retail-cancel-pending-order#11', kept: false, reason: 'write-after-refusal' },
      { id: 'retail-cancel-pending-order#12', kept: false, reason: 'invalid-transcript' },
      { id: 'retail-cancel-pending-order#13', kept: false, reason: 'invalid-transcript' },
      { id: 'retail-cancel-pending-order#14', kept: true, reason: 'accepted' },
    ]);
    expect(lines[0]).not.toHaveProperty('differences');
    expect(lines[1].differences).toEqual(['kept: true -> false', 'reason: accepted -> invalid-transcript']);
    expect(lines[5].differences).toEqual(['kept: false -> true', 'reason: state-mismatch -> accepted']);
    expect(lines.at(-1)).toMatchObject({ regraded: 6, changed: 5, summary: { trajectories: 6, kept: 2, rejected: { 'invalid-transcript': 3, 'write-after-refusal': 1 } } });

    const text = await runInterplay(['regrade', runFolder]);
    expect(text.stdout).toContain(`retail-cancel-pending-order#10: now rejected (invalid-transcript: the stored termination is user-stop, but the human's last message (message ${made.deletedStop!.messages.length - 4}) carries no stop token)\n  kept: true -> false\n  reason: accepted -> invalid-transcript\n`);
    expect(text.stdout).toMatch(/#11: now rejected \(write-after-refusal: message \d+: the agent called cancel_pending_order after the human ended the conversation/);
    expect(text.stdout).toMatch(/#12: now rejected \(invalid-transcript: message \d+: the stored result of get_order_details \(call id "oracle_1"\) differs from a fresh replay of the call\)/);
    expect(text.stdout).toMatch(/#13: now rejected \(invalid-transcript: message \d+: cancel_pending_order \(call id "oracle_2"\) got no tool result\)/);
    expect(text.stdout).not.toContain('retail-cancel-pending-order#0:');
    expect(text.stdout).toContain('re-graded 6 trajectories without a model: 5 verdict(s) differ from the stored ones');
  });

  it('reports a stored termination that the messages contradict', async () => {
    const folder = scratch();
    const file = join(folder, 'trajectories.jsonl');
    writeLog(folder, [{ ...structuredClone(original), termination: { reason: 'max-turns' } }]);
    const run = await runInterplay(['regrade', file, '--blueprints', 'retail-cancel-pending-order']);
    expect(run.stdout).toContain('retail-cancel-pending-order#0: now rejected (invalid-transcript: the stored termination is max-turns, but the conversation ends with');
    expect(run.stdout).toContain('  the stored termination max-turns is not what the messages show: user-stop');
  });

  it('never grades a failed job: an old log holding one counts it apart, out of the rates and pass^k', async () => {
    const folder = scratch();
    const failed = { ...structuredClone(original), id: 'retail-cancel-pending-order#1', attempt: 1, messages: original.messages.slice(0, 3), termination: { reason: 'infrastructure-error' as const, detail: '503' } };
    writeLog(folder, [original, failed]);
    const file = join(folder, 'trajectories.jsonl');
    const json = await runInterplay(['regrade', file, '--blueprints', 'retail-cancel-pending-order', '--json']);
    const lines = json.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines[1]).toEqual({ id: 'retail-cancel-pending-order#1', kept: false, reason: 'failed-job', termination: 'infrastructure-error' });
    expect(lines[2]).toMatchObject({ regraded: 2, changed: 0, summary: { trajectories: 1, kept: 1, passHatK: { 1: 1 }, failedJobs: { 'infrastructure-error': { count: 1, first: '503' } } } });
    const text = await runInterplay(['regrade', file, '--blueprints', 'retail-cancel-pending-order']);
    expect(text.stdout).toContain('retail-cancel-pending-order#1: a failed job (infrastructure-error), not graded');
    expect(text.stdout).toContain('1 job failed: infrastructure-error (503) — not graded, in no rate');
  });

  it('grades each trajectory of a log two writers corrupted once, keeping the first copy, and says which were duplicated', async () => {
    const folder = scratch();
    const second = { ...structuredClone(original), id: 'retail-cancel-pending-order#1', attempt: 1 };
    // The second copy of #0 was flipped to rejected: keeping the first means it is never read.
    const flippedCopy = { ...structuredClone(original), verdict: { ...original.verdict, kept: false, reason: 'state-mismatch' as const } };
    writeLog(folder, [original, second, flippedCopy, second, second]);
    const file = join(folder, 'trajectories.jsonl');
    const json = await runInterplay(['regrade', file, '--blueprints', 'retail-cancel-pending-order', '--json']);
    expect(json.code).toBe(0);
    const lines = json.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => line.id)).toEqual(['retail-cancel-pending-order#0', 'retail-cancel-pending-order#1', undefined]);
    expect(lines[2]).toMatchObject({ regraded: 2, changed: 0, summary: { trajectories: 2, kept: 2, passHatK: { 1: 1, 2: 1 } } });
    expect(lines[2].summary.passHatK[3]).toBeUndefined();
    expect(json.stderr).toBe(`note: 3 duplicate trajectories in ${file} (ids retail-cancel-pending-order#0, retail-cancel-pending-order#1): kept the first of each\n`);
  });

  it("grades with tau-bench's outputs rule when asked, and refuses an unknown rule", async () => {
    const folder = scratch();
    // A blueprint whose output the agent says only inside a longer number.
    const blueprint = JSON.parse(readFileSync('blueprints/retail/retail-cancel-pending-order.json', 'utf8'));
    writeFileSync(join(folder, 'b.json'), JSON.stringify({ ...blueprint, outputs: ['4049'] }));
    const messages = messagesOf(original);
    const summary = messages.findLastIndex((message) => message.role === 'assistant' && !message.tool_calls);
    messages[summary] = { role: 'assistant', content: 'Done: order #W4049349 is cancelled. Anything else?' };
    writeLog(folder, [{ ...structuredClone(original), messages }]);
    const file = join(folder, 'trajectories.jsonl');
    const token = await runInterplay(['regrade', file, '--blueprints', join(folder, 'b.json'), '--json']);
    expect(JSON.parse(token.stdout.split('\n')[0]!)).toMatchObject({ kept: false, reason: 'missing-outputs' });
    const tau = await runInterplay(['regrade', file, '--blueprints', join(folder, 'b.json'), '--json', '--outputs-match', 'tau-bench']);
    expect(JSON.parse(tau.stdout.split('\n')[0]!)).toMatchObject({ kept: true, reason: 'accepted' });
    const bad = await runInterplay(['regrade', file, '--blueprints', join(folder, 'b.json'), '--outputs-match', 'fuzzy']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('error: --outputs-match must be one of token, tau-bench, got "fuzzy"\n');
  });

  it('refuses, before printing anything, a blueprint whose gold action errors without expectError', async () => {
    const folder = scratch();
    const blueprint = JSON.parse(readFileSync('blueprints/retail/retail-cancel-pending-order.json', 'utf8'));
    blueprint.actions[2].arguments.order_id = '#W0000000';
    writeFileSync(join(folder, 'b.json'), JSON.stringify(blueprint));
    writeLog(folder, [original]);
    const run = await runInterplay(['regrade', join(folder, 'trajectories.jsonl'), '--blueprints', join(folder, 'b.json')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: .*trajectories\.jsonl: blueprint retail-cancel-pending-order: gold actions\[2\] \(cancel_pending_order\) returned an error and is not marked expectError/);
  });
});
