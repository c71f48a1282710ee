import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { templateAccepts } from '../../../src/models/testing/index.ts';
import { runInterplay } from '../../support/run-cli.ts';
import {
  agentAnswer,
  BLUEPRINT,
  childEnv,
  expectKeySent,
  expectNoSecret,
  failedJobsOf,
  roleFlags,
  roleServer,
  scratch,
  secrets,
  thinking,
  trajectoriesOf,
  transportConfig,
  type RoleQuirks,
  type RoleServer,
} from './support/conformance-world.ts';

/**
 * The conformance matrix for `interplay rollout`, end to end: each named behaviour of the conformance
 * server on the AGENT's endpoint, then on the HUMAN's, through the real CLI over real HTTP. Each case
 * asserts the recorded outcome (kept / termination / failed job), the exit code, the requests each
 * server received, and that no role's key is anywhere in the run folder or the output.
 *
 * A clean conversation takes 3 agent requests (identify, cancel, tell) and 2 human requests (ask, stop).
 */

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

type Role = 'agent' | 'human';
const AGENT_REQUESTS = 3;
const HUMAN_REQUESTS = 2;

interface RolloutCase {
  agent?: RoleQuirks;
  human?: RoleQuirks;
  flags?: string[];
  transport?: Parameters<typeof transportConfig>[1];
}

async function rolloutWith(setup: RolloutCase) {
  const agent = await roleServer('agent', setup.agent ?? { behaviours: 'normal' }, closers);
  const human = await roleServer('human', setup.human ?? { behaviours: 'normal' }, closers);
  const root = scratch();
  const out = join(root, 'run');
  const config = setup.transport ? transportConfig(root, setup.transport) : [];
  const run = await runInterplay(['rollout', '--domain', 'retail', '--blueprint', BLUEPRINT, ...roleFlags(agent, human), ...config, ...(setup.flags ?? []), '--out', out], { cwd: root, env: childEnv });
  expectKeySent(agent, secrets.agent);
  expectKeySent(human, secrets.human);
  expectNoSecret(out, run.stdout, run.stderr);
  return { run, out, agent, human, trajectories: trajectoriesOf(out), failed: failedJobsOf(out) };
}

/** The one trajectory of a run that was graded, and no failed job. */
function graded(result: Awaited<ReturnType<typeof rolloutWith>>) {
  expect(result.failed).toEqual([]);
  expect(result.trajectories).toHaveLength(1);
  return result.trajectories[0]!;
}

const other = (role: Role): Role => (role === 'agent' ? 'human' : 'agent');
const serverOf = (result: { agent: RoleServer; human: RoleServer }, role: Role) => result[role];

describe.each(['agent', 'human'] as const)('conformance behaviours on the %s endpoint, through `interplay rollout`', (role) => {
  const quirk = (quirks: RoleQuirks): RolloutCase => ({ [role]: quirks });

  it.each(['think', 'reasoning_content', 'ollama-reasoning'] as const)('%s: the thinking is kept as reasoning, the episode runs normally, and no model ever sees it', async (behaviour) => {
    const result = await rolloutWith(quirk({ behaviours: behaviour }));
    expect(result.run.stderr).toBe('');
    expect(result.run.code).toBe(0);
    const trajectory = graded(result);
    expect(trajectory.termination.reason).toBe('user-stop');
    expect(trajectory.verdict).toMatchObject({ kept: true, reason: 'accepted' });
    // The role's every turn carries its thinking; the other role's none.
    const ownRole = role === 'agent' ? 'assistant' : 'user';
    const turns = trajectory.messages.filter((message) => message.role === ownRole && !('note' in message && message.note));
    expect(turns.length).toBe(role === 'agent' ? AGENT_REQUESTS : HUMAN_REQUESTS);
    for (const turn of turns) expect((turn as { reasoning?: string }).reasoning).toBe(thinking[role]);
    for (const message of trajectory.messages) expect(message.content ?? '').not.toContain('PRIVATE-THOUGHT');
    // Never sent back to its own model, never shown to the other role.
    for (const body of [...result.agent.bodies(), ...result.human.bodies()]) expect(body).not.toContain('PRIVATE-THOUGHT');
    expect(result.agent.server.requests).toHaveLength(AGENT_REQUESTS);
    expect(result.human.server.requests).toHaveLength(HUMAN_REQUESTS);
    // Exports leave reasoning out unless asked; asked, they keep the agent's and never the human's.
    for (const format of ['sharegpt', 'openai', 'tau-bench']) {
      const file = join(result.out, '..', `export-${format}`);
      const plain = await runInterplay(['export', '--format', format, result.out, '--out', file], { env: childEnv });
      expect(plain.code).toBe(0);
      expect(readFileSync(file, 'utf8')).not.toContain('PRIVATE-THOUGHT');
      if (format === 'tau-bench') continue;
      const withReasoning = await runInterplay(['export', '--format', format, result.out, '--out', file, '--include-reasoning'], { env: childEnv });
      expect(withReasoning.code).toBe(0);
      const text = readFileSync(file, 'utf8');
      expect(text).not.toContain('HUMAN-PRIVATE-THOUGHT');
      if (role === 'agent') expect(text).toContain('AGENT-PRIVATE-THOUGHT');
    }
    expectNoSecret(join(result.out, '..'));
  });

  it('vllm-error: the server\'s own message reaches the error line, and the rollout is a verdict, not a failed job', async () => {
    const result = await rolloutWith(quirk({ behaviours: 'vllm-error' }));
    const trajectory = graded(result);
    expect(trajectory.termination.reason).toBe(`${role}-error`);
    expect(trajectory.termination.detail).toContain("This model's maximum context length is 4096 tokens");
    expect(trajectory.verdict.kept).toBe(false);
    expect(result.run.stdout).toContain("This model's maximum context length is 4096 tokens");
    expect(result.run.code).toBe(0);
    // A 400 is never retried: one request of the quirky role.
    expect(serverOf(result, role).server.requests).toHaveLength(1);
  });

  it('stall-after-headers: the whole-response timeout ends each attempt; the job is a failed job (infrastructure-error), exit 3', async () => {
    const result = await rolloutWith({ ...quirk({ behaviours: 'stall-after-headers' }), transport: { [role]: { timeoutMs: 250, maxRetries: 1 } } });
    expect(result.run.code).toBe(3);
    expect(result.trajectories).toEqual([]);
    expect(result.failed.map((record) => [record.termination.reason, record.role, record.model?.split('@')[0]])).toEqual([['infrastructure-error', role, `${role}-model`]]);
    // The first attempt and one retry, counted by the client: a busy machine can fire the client's 250 ms timeout before this process's server has read the request, so the server sees at most one request per attempt.
    expect(result.failed[0]?.termination.detail).toMatch(/\(timeout\) after 2 attempts/);
    expect(result.run.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.run.stderr).toMatch(/1 job failed .*infrastructure-error/);
    expect(serverOf(result, role).server.requests.length).toBeLessThanOrEqual(2);
  });

  it.each(['reset', 'truncated-json'] as const)('%s once, then a good answer: retried, the rollout completes and is kept', async (behaviour) => {
    const result = await rolloutWith(quirk({ behaviours: [behaviour, 'normal'] }));
    expect(result.run.stderr).toBe('');
    expect(result.run.code).toBe(0);
    expect(graded(result).verdict).toMatchObject({ kept: true, reason: 'accepted' });
    // The first request failed and was made again; every other request went through once.
    expect(result.agent.server.requests).toHaveLength(AGENT_REQUESTS + (role === 'agent' ? 1 : 0));
    expect(result.human.server.requests).toHaveLength(HUMAN_REQUESTS + (role === 'human' ? 1 : 0));
  });

  it.each(['reset', 'truncated-json'] as const)('%s every time: a failed job (infrastructure-error) after the retries, exit 3', async (behaviour) => {
    const result = await rolloutWith({ ...quirk({ behaviours: behaviour }), transport: { [role]: { maxRetries: 1 } } });
    expect(result.run.code).toBe(3);
    expect(result.trajectories).toEqual([]);
    expect(result.failed.map((record) => [record.termination.reason, record.role])).toEqual([['infrastructure-error', role]]);
    expect(serverOf(result, role).server.requests).toHaveLength(2);
  });

  it.each(['unauthorized', 'model-not-found'] as const)('%s: the batch stops at the first request with one line naming role, endpoint and model; exit 3', async (behaviour) => {
    const result = await rolloutWith({ ...quirk({ behaviours: behaviour }), flags: ['--trials', '3'] });
    expect(result.run.code).toBe(3);
    const lines = result.run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    const endpoint = serverOf(result, role).server.baseURL.replace(/[.]/g, '\\.');
    expect(lines[0]).toMatch(new RegExp(`^error: the ${role} endpoint ${endpoint} rejected model ${role}-model \\(.*\\(${behaviour === 'unauthorized' ? 401 : 404}\\).*\\): the batch stopped\\.`));
    expect(result.trajectories).toEqual([]);
    expect(result.failed.map((record) => [record.termination.reason, record.role])).toEqual([['endpoint-rejected', role]]);
    // One request of the refused role, and nothing after it: the human opens, so the agent is asked
    // only when the human's request went through.
    expect(serverOf(result, role).server.requests).toHaveLength(1);
    expect(serverOf(result, other(role)).server.requests).toHaveLength(role === 'agent' ? 1 : 0);
  });

  it('unavailable-window: 503 twice, then the answer: the rollout completes and the retries are counted', async () => {
    const result = await rolloutWith(quirk({ behaviours: 'unavailable-window', unavailableRequests: 2, retryAfterMs: 1 }));
    expect(result.run.stderr).toBe('');
    expect(result.run.code).toBe(0);
    expect(graded(result).verdict).toMatchObject({ kept: true, reason: 'accepted' });
    expect(result.agent.server.requests).toHaveLength(AGENT_REQUESTS + (role === 'agent' ? 2 : 0));
    expect(result.human.server.requests).toHaveLength(HUMAN_REQUESTS + (role === 'human' ? 2 : 0));
  });
});

describe('text tool calls and strict templates, through `interplay rollout`', () => {
  it('hermes on the agent: <tool_call> text becomes real calls, the gold write runs, the trajectory is kept and says the calls came from text', async () => {
    const result = await rolloutWith({ agent: { behaviours: 'hermes' } });
    expect(result.run.stderr).toBe('');
    expect(result.run.code).toBe(0);
    const trajectory = graded(result);
    expect(trajectory.verdict).toMatchObject({ kept: true, reason: 'accepted' });
    const calling = trajectory.messages.filter((message) => message.role === 'assistant' && (message.tool_calls?.length ?? 0) > 0);
    expect(calling.map((message) => message.role === 'assistant' && message.tool_calls?.map((call) => call.function.name))).toEqual([['find_user_id_by_email'], ['cancel_pending_order']]);
    for (const message of calling) expect(message).toMatchObject({ content: null, toolCallsFromText: true });
    // Ids made unique in the conversation, each answered by its tool result.
    const ids = calling.flatMap((message) => (message.role === 'assistant' ? (message.tool_calls ?? []).map((call) => call.id) : []));
    expect(new Set(ids).size).toBe(2);
    expect(trajectory.messages.filter((message) => message.role === 'tool').map((message) => message.role === 'tool' && message.tool_call_id)).toEqual(ids);
    expect(result.agent.server.requests).toHaveLength(AGENT_REQUESTS);
  });

  /** The agent's first reply is empty, so the harness tells it so: a protocol note right after the human's message. */
  const emptyFirst = (): RoleQuirks['answer'] => {
    let calls = 0;
    return (request) => (calls++ === 0 ? { content: '' } : agentAnswer(request));
  };

  it('strict-template on the agent, default protocol notes (user): the note is joined to the human turn, the template never refuses, the trajectory is kept', async () => {
    const result = await rolloutWith({ agent: { behaviours: 'strict-template', answer: emptyFirst() }, human: { behaviours: 'strict-template' } });
    expect(result.run.stderr).toBe('');
    expect(result.run.code).toBe(0);
    const trajectory = graded(result);
    expect(trajectory.messages.filter((message) => 'note' in message && message.note === 'protocol').map((message) => message.role)).toEqual(['user']);
    expect(trajectory.verdict).toMatchObject({ kept: true, reason: 'accepted' });
    expect(result.agent.server.requests.every((request) => templateAccepts(request))).toBe(true);
    expect(result.human.server.requests.every((request) => templateAccepts(request))).toBe(true);
    // The empty reply, then the three steps of the conversation.
    expect(result.agent.server.requests).toHaveLength(AGENT_REQUESTS + 1);
    // The note is the agent's alone: the human never reads it.
    expect(result.agent.bodies()[1]).toContain('Protocol error');
    for (const body of result.human.bodies()) expect(body).not.toContain('Protocol error');
  });

  it('strict-template on the agent, default protocol notes: a note after a tool result (text beside tool calls) is never refused either', async () => {
    let calls = 0;
    const textBesideCalls: RoleQuirks['answer'] = (request) => (calls++ === 0 ? { ...agentAnswer(request), content: 'Let me look you up.' } : agentAnswer(request));
    const result = await rolloutWith({ agent: { behaviours: 'strict-template', answer: textBesideCalls }, human: { behaviours: 'strict-template' } });
    const trajectory = graded(result);
    expect(trajectory.messages.filter((message) => 'note' in message && message.note === 'protocol').map((message) => message.role)).toEqual(['user']);
    expect(result.agent.server.requests.map((request) => templateAccepts(request))).toEqual(result.agent.server.requests.map(() => true));
    expect(result.human.server.requests.every((request) => templateAccepts(request))).toBe(true);
    expect(trajectory.verdict).toMatchObject({ kept: true, reason: 'accepted' });
    expect(result.run.code).toBe(0);
    expect(result.agent.server.requests).toHaveLength(AGENT_REQUESTS);
  });

  it('strict-template on the agent with --protocol-notes system: the mid-conversation system note is refused with the template\'s words, and the episode ends as agent-error', async () => {
    const result = await rolloutWith({ agent: { behaviours: 'strict-template', answer: emptyFirst() }, flags: ['--protocol-notes', 'system'] });
    const trajectory = graded(result);
    expect(trajectory.termination.reason).toBe('agent-error');
    expect(trajectory.termination.detail).toContain('Conversation roles must alternate user/assistant');
    expect(trajectory.verdict.kept).toBe(false);
    expect(result.run.code).toBe(0);
    // The empty reply was accepted; the request carrying the system note was refused once (never retried).
    expect(result.agent.server.requests.map((request) => templateAccepts(request))).toEqual([true, false]);
  });

  it('strict-template on the human: every request of the simulated human is one the template accepts', async () => {
    const result = await rolloutWith({ human: { behaviours: 'strict-template' } });
    expect(result.run.stderr).toBe('');
    expect(result.run.code).toBe(0);
    expect(graded(result).verdict).toMatchObject({ kept: true, reason: 'accepted' });
    expect(result.human.server.requests.every((request) => templateAccepts(request))).toBe(true);
    expect(result.human.server.requests).toHaveLength(HUMAN_REQUESTS);
  });
});
