import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerBehaviour } from '../../../src/models/testing/index.ts';
import { runGenerate } from '../../batch/support/run-generate.ts';
import { review } from '../../blueprints/review-replies.ts';
import {
  BLUEPRINT,
  childEnv,
  expectKeySent,
  expectNoSecret,
  failedJobsOf,
  keyVariables,
  roleFlags,
  roleServer,
  scratch,
  secrets,
  thinking,
  trajectoriesOf,
  transportConfig,
  type RoleQuirks,
} from './support/conformance-world.ts';

/**
 * The conformance matrix for `interplay generate`, where the batch differs from a single rollout: its own
 * transport (keep-alive node:http fetch, retries under the rate limiter), fail fast across concurrent
 * jobs, the `--max-failed-jobs` budget, and `--resume`. Each case asserts the outcome, the exit code,
 * the requests made, and that no key is anywhere in the run folder or the output.
 */

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

const shipped = fileURLToPath(new URL(`../../../blueprints/retail/${BLUEPRINT}.json`, import.meta.url));

/** Batch retries wait on this clock: no real time passes. */
const instantClock = () => {
  let now = Date.UTC(2026, 0, 2);
  return { now: () => (now += 1), sleep: async () => undefined };
};

/** A clean job: 3 agent requests (identify, cancel, tell), 2 human requests (ask, stop). */
const AGENT_REQUESTS = 3;
const HUMAN_REQUESTS = 2;

/**
 * The agent model's behaviour, by name, in an object the server reads at each request: a test switches it
 * between sessions of the same run (the server stays, and its base URL is stored in the run).
 */
const switchableAgent = (initial: ServerBehaviour): Record<string, ServerBehaviour> => ({ 'agent-model': initial });

interface GenerateCase {
  agent?: RoleQuirks;
  human?: RoleQuirks;
  /** Phase 1 with a committee of three reviewers (`--reviewer-model a b c`) on a server of their own, for a draft of the blueprint. */
  reviewers?: RoleQuirks;
  flags: string[];
  transport?: Parameters<typeof transportConfig>[1];
}

async function generateWith(setup: GenerateCase) {
  const agent = await roleServer('agent', setup.agent ?? { behaviours: 'normal' }, closers);
  const human = await roleServer('human', setup.human ?? { behaviours: 'normal' }, closers);
  const reviewer = setup.reviewers ? await roleServer('reviewer', { answer: () => ({ content: JSON.stringify(review([1, 1, 1, 1])) }), ...setup.reviewers }, closers) : undefined;
  const root = scratch();
  const out = join(root, 'run');
  const config = setup.transport ? transportConfig(root, setup.transport) : [];
  let blueprints = ['--blueprints', BLUEPRINT];
  let env: Record<string, string> = childEnv;
  if (reviewer) {
    mkdirSync(join(root, 'in'));
    writeFileSync(join(root, 'in', `${BLUEPRINT}.json`), JSON.stringify({ ...JSON.parse(readFileSync(shipped, 'utf8')), status: 'draft' }));
    blueprints = ['--blueprints', 'in', '--reviewer-model', 'a', 'b', 'c'];
    env = { ...childEnv, [keyVariables.reviewer]: secrets.reviewer, OPENAI_BASE_URL: reviewer.server.baseURL };
  }
  const run = await runGenerate(['--domain', 'retail', ...blueprints, ...roleFlags(agent, human), ...config, ...setup.flags, '--out', out], {
    cwd: root,
    env,
    hooks: { clock: instantClock() },
  });
  return { run, out, root, agent, human, reviewer };
}

describe.each(['agent', 'human'] as const)('fail fast in `interplay generate`: the %s endpoint refuses', (role) => {
  it.each(['unauthorized', 'model-not-found'] as const)('%s: the batch stops at the first refusal, one line naming role, endpoint and model, exit 3', async (behaviour) => {
    const result = await generateWith({ [role]: { behaviours: behaviour, notFoundServer: 'vllm' }, flags: ['--trials', '4', '--concurrency', '2'] });
    expect(result.run.code).toBe(3);
    const lines = result.run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    const endpoint = result[role].server.baseURL.replace(/[.]/g, '\\.');
    expect(lines[0]).toMatch(new RegExp(`^error: the ${role} endpoint ${endpoint} rejected model ${role}-model \\(.*\\(${behaviour === 'unauthorized' ? 401 : 404}\\).*\\): the batch stopped\\.`));
    if (behaviour === 'model-not-found') expect(lines[0]).toContain(`The model \`${role}-model\` does not exist.`);
    // At most one request of the refused role per running job (2 run at once), never one per planned job (4).
    expect(result[role].server.requests.length).toBeGreaterThanOrEqual(1);
    expect(result[role].server.requests.length).toBeLessThanOrEqual(2);
    expect(trajectoriesOf(result.out)).toEqual([]);
    const failed = failedJobsOf(result.out);
    expect(failed.some((record) => record.termination.reason === 'endpoint-rejected' && record.role === role)).toBe(true);
    expect(failed.every((record) => ['endpoint-rejected', 'aborted'].includes(record.termination.reason))).toBe(true);
    expectKeySent(result.agent, secrets.agent);
    expectKeySent(result.human, secrets.human);
    expectNoSecret(result.out, result.run.stdout, result.run.stderr);
  });
});

describe.each(['agent', 'human'] as const)('replies read through the batch transport in `interplay generate`: the %s endpoint', (role) => {
  it.each(['think', 'reasoning_content', 'ollama-reasoning'] as const)('%s: kept, the thinking stored as the role\'s reasoning and sent to no model', async (behaviour) => {
    const result = await generateWith({ [role]: { behaviours: behaviour }, flags: ['--trials', '2', '--concurrency', '2'] });
    expect(result.run.stderr).toBe('');
    expect(result.run.code).toBe(0);
    const trajectories = trajectoriesOf(result.out);
    expect(trajectories.map((trajectory) => trajectory.verdict.kept)).toEqual([true, true]);
    const ownRole = role === 'agent' ? 'assistant' : 'user';
    for (const trajectory of trajectories) {
      const turns = trajectory.messages.filter((message) => message.role === ownRole);
      expect(turns).toHaveLength(role === 'agent' ? AGENT_REQUESTS : HUMAN_REQUESTS);
      for (const turn of turns) expect((turn as { reasoning?: string }).reasoning).toBe(thinking[role]);
    }
    for (const body of [...result.agent.bodies(), ...result.human.bodies()]) expect(body).not.toContain('PRIVATE-THOUGHT');
    expect(result.agent.server.requests).toHaveLength(2 * AGENT_REQUESTS);
    expect(result.human.server.requests).toHaveLength(2 * HUMAN_REQUESTS);
    expectNoSecret(result.out, result.run.stdout, result.run.stderr);
  });

  it('stall-after-headers: the batch\'s keep-alive fetch gives up at the whole-response timeout too; a failed job, exit 3', async () => {
    const result = await generateWith({ [role]: { behaviours: 'stall-after-headers' }, flags: ['--trials', '1'], transport: { [role]: { timeoutMs: 250, maxRetries: 1 } } });
    expect(result.run.code).toBe(3);
    expect(failedJobsOf(result.out).map((record) => [record.termination.reason, record.role])).toEqual([['infrastructure-error', role]]);
    // Two attempts, counted by the client: a busy machine can fire the client's 250 ms timeout before this process's server has read the request, so the server sees at most one request per attempt.
    expect(failedJobsOf(result.out)[0]?.termination.detail).toMatch(/\(timeout\) after 2 attempts/);
    expect(result[role].server.requests.length).toBeLessThanOrEqual(2);
    expectNoSecret(result.out, result.run.stdout, result.run.stderr);
  });
});

describe('text tool calls through the batch transport in `interplay generate`', () => {
  it('hermes on the agent: <tool_call> text becomes real calls; both jobs kept, marked toolCallsFromText', async () => {
    const result = await generateWith({ agent: { behaviours: 'hermes' }, flags: ['--trials', '2', '--concurrency', '2'] });
    expect(result.run.stderr).toBe('');
    expect(result.run.code).toBe(0);
    for (const trajectory of trajectoriesOf(result.out)) {
      expect(trajectory.verdict).toMatchObject({ kept: true, reason: 'accepted' });
      const calling = trajectory.messages.filter((message) => message.role === 'assistant' && (message.tool_calls?.length ?? 0) > 0);
      expect(calling).toHaveLength(2);
      for (const message of calling) expect(message).toMatchObject({ toolCallsFromText: true });
    }
    expect(result.agent.server.requests).toHaveLength(2 * AGENT_REQUESTS);
  });
});

describe('outages in `interplay generate`', () => {
  it('stall-after-headers on the agent: each job ends at the whole-response timeout as a failed job; --max-failed-jobs 1 stops the batch; exit 3', async () => {
    const result = await generateWith({
      agent: { behaviours: 'stall-after-headers' },
      flags: ['--trials', '3', '--concurrency', '1', '--max-failed-jobs', '1'],
      transport: { agent: { timeoutMs: 250, maxRetries: 0 } },
    });
    expect(result.run.code).toBe(3);
    expect(result.run.stdout).toContain('stopped starting jobs: 1 job(s) failed in this session (--max-failed-jobs 1); 2 job(s) not started');
    expect(failedJobsOf(result.out).map((record) => [record.jobId, record.termination.reason, record.role])).toEqual([[`${BLUEPRINT}#0`, 'infrastructure-error', 'agent']]);
    expect(trajectoriesOf(result.out)).toEqual([]);
    // One job ran: the human opened, the agent's one attempt stalled.
    // (The agent's attempt may end before its server read it: a busy machine can fire the 250 ms timeout first.)
    expect(result.agent.server.requests.length).toBeLessThanOrEqual(1);
    expect(result.human.server.requests).toHaveLength(1);
    expectNoSecret(result.out, result.run.stdout, result.run.stderr);
  });

  it.each(['reset', 'truncated-json'] as const)('%s on the agent until it recovers: failed jobs, then `--resume` runs them again and keeps them', async (behaviour) => {
    const agentScript = switchableAgent(behaviour);
    const result = await generateWith({ agent: { behaviours: agentScript }, flags: ['--trials', '3', '--concurrency', '1', '--max-failed-jobs', '2'], transport: { agent: { maxRetries: 1 } } });
    expect(result.run.code).toBe(3);
    expect(failedJobsOf(result.out).map((record) => [record.termination.reason, record.role])).toEqual([
      ['infrastructure-error', 'agent'],
      ['infrastructure-error', 'agent'],
    ]);
    // Two jobs, each the first attempt and one retry; the third job never started.
    expect(result.agent.server.requests).toHaveLength(4);

    agentScript['agent-model'] = 'normal';
    const second = await runGenerate(['--resume', result.out], { cwd: result.root, env: childEnv, hooks: { clock: instantClock() } });
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    const trajectories = trajectoriesOf(result.out);
    expect(trajectories.map((trajectory) => [trajectory.id, trajectory.verdict.kept]).sort()).toEqual([0, 1, 2].map((trial) => [`${BLUEPRINT}#${trial}`, true]));
    expect(result.agent.server.requests).toHaveLength(4 + 3 * AGENT_REQUESTS);
    expectKeySent(result.agent, secrets.agent);
    expectNoSecret(result.out, result.run.stdout, result.run.stderr, second.stdout, second.stderr);
  });

  it('unavailable-window on the human: 503s then answers; every job completes and is kept, and the retries are counted', async () => {
    const result = await generateWith({ human: { behaviours: 'unavailable-window', unavailableRequests: 2 }, flags: ['--trials', '2', '--concurrency', '1'] });
    expect(result.run.stderr).toBe('');
    expect(result.run.code).toBe(0);
    expect(trajectoriesOf(result.out).map((trajectory) => trajectory.verdict.kept)).toEqual([true, true]);
    expect(failedJobsOf(result.out)).toEqual([]);
    expect(result.human.server.requests).toHaveLength(2 * HUMAN_REQUESTS + 2);
    expect(result.agent.server.requests).toHaveLength(2 * AGENT_REQUESTS);
    expectNoSecret(result.out, result.run.stdout, result.run.stderr);
  });
});

describe('phase 1 of `interplay generate`: the reviewers\' endpoint', () => {
  it('think: the committee reads only the answers (its thinking holds a failing draft), approves, and the blueprint is rolled out and kept', async () => {
    const result = await generateWith({ reviewers: { behaviours: 'think' }, flags: ['--trials', '1'] });
    expect(result.run.stderr).toBe('');
    expect(result.run.code).toBe(0);
    expect(result.run.stdout).toContain('1 approved');
    expect(trajectoriesOf(result.out).map((trajectory) => trajectory.verdict.kept)).toEqual([true]);
    expect(result.reviewer?.server.requests).toHaveLength(3);
    expectKeySent(result.reviewer!, secrets.reviewer);
    expectNoSecret(result.out, result.run.stdout, result.run.stderr);
  });

  it('unauthorized (the 401 echoes the key): phase 1 stops with one line naming role, endpoint and model, exit 3, nothing rolled out, no key anywhere', async () => {
    const result = await generateWith({ reviewers: { behaviours: { b: 'unauthorized' } }, flags: ['--trials', '1'] });
    expect(result.run.code).toBe(3);
    expect(result.run.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.run.stderr).toMatch(/^error: the reviewer endpoint http:\/\/127\.0\.0\.1:\d+\/v1 refused model b \(401 /);
    expect(result.reviewer?.server.requests.length).toBeLessThanOrEqual(3);
    expect(result.agent.server.requests).toHaveLength(0);
    expect(result.human.server.requests).toHaveLength(0);
    expectNoSecret(result.root, result.run.stdout, result.run.stderr);
  });
});
