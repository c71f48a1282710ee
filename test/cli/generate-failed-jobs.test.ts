import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { completionReply, errorReply, startChatCompletionsServer, type ReceivedRequest, type ServerReply } from '../../src/models/index.ts';
import { failedJobRecordSchema } from '../../src/store/index.ts';
import { runGenerate } from '../batch/support/run-generate.ts';
import { runInterplay } from '../support/run-cli.ts';

const scratch = () => mkdtempSync(join(tmpdir(), 'interplay-failed-jobs-'));
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

const secret = 'sk-failed-jobs-secret-0123456789';
const env = { OPENAI_API_KEY: secret };
const readLines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((line) => line !== '') : []);
const failedRecords = (run: string) => readLines(join(run, 'failed-jobs.jsonl')).map((line) => failedJobRecordSchema.parse(JSON.parse(line)));
/** Batch retries wait on this clock: no real time passes. */
const instantClock = () => {
  let now = Date.UTC(2026, 0, 2);
  return { now: () => (now += 1), sleep: async () => undefined };
};

/** A loopback server where the human says hello, then STOP once the agent offers more help; the agent's replies are the test's. */
async function serverWithAgent(agent: (request: ReceivedRequest) => ServerReply) {
  const server = await startChatCompletionsServer((request) => {
    if ((request.body as { model: string }).model === 'human-model') {
      return completionReply({ content: JSON.stringify(request.body).includes('Anything else') ? 'No, thanks. ###STOP###' : 'Hi, where is my order?' });
    }
    return agent(request);
  });
  closers.push(() => server.close());
  const agentRequests = () => server.requests.filter((request) => (request.body as { model: string }).model === 'agent-model').length;
  return { server, agentRequests, models: ['--agent-model', 'agent-model', '--agent-base-url', server.baseURL, '--human-model', 'human-model', '--human-base-url', server.baseURL] };
}

function expectNoSecret(folder: string, ...outputs: string[]) {
  for (const output of outputs) expect(output).not.toContain(secret);
  const files = (dir: string): string[] => readdirSync(dir).flatMap((entry) => (statSync(join(dir, entry)).isDirectory() ? files(join(dir, entry)) : [join(dir, entry)]));
  for (const file of files(folder)) expect(readFileSync(file, 'utf8'), file).not.toContain(secret);
}

const blueprints = ['--blueprints', 'retail-cancel-pending-order', 'retail-update-default-address'];

describe('failed jobs in `interplay generate`', () => {
  it('stops the whole batch at the first 401 with one line naming the role, endpoint and model, exit 3, and grades nothing', async () => {
    const { server, agentRequests, models } = await serverWithAgent(() => errorReply(401, { message: 'Incorrect API key provided', type: 'invalid_request_error' }));
    const root = scratch();
    const out = join(root, 'run');
    const run = await runGenerate(['--domain', 'retail', ...blueprints, ...models, '--trials', '3', '--concurrency', '2', '--out', out], { cwd: root, env, hooks: { clock: instantClock() } });
    expect(run.code).toBe(3);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^error: the agent endpoint ${server.baseURL.replace(/[.]/g, '\\.')} rejected model agent-model \\(.*\\(401\\).*\\): the batch stopped\\.`));
    // Fail fast: at most one agent request per running job, never the six the batch planned.
    expect(agentRequests()).toBeLessThanOrEqual(2);
    expect(readLines(join(out, 'trajectories.jsonl'))).toEqual([]);
    const records = failedRecords(out);
    expect(records.some((record) => record.termination.reason === 'endpoint-rejected' && record.role === 'agent' && record.model?.startsWith('agent-model@'))).toBe(true);
    expect(records.every((record) => ['endpoint-rejected', 'aborted'].includes(record.termination.reason))).toBe(true);
    // A job the stop cut short says why.
    for (const record of records.filter((line) => line.termination.reason === 'aborted')) expect(record.termination.detail).toBe('cancelled: the batch stopped: an endpoint rejected the request');
    expect(run.stdout).toMatch(/stopped: the agent endpoint rejected the request/);
    expect(run.stdout).toMatch(/trajectories 0: kept 0/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.counts).toMatchObject({ trajectories: 0, failedJobs: { 'endpoint-rejected': expect.any(Number) } });
    expect(manifest.batch.stopped).toMatchObject({ reason: 'endpoint-rejected', role: 'agent' });
    expectNoSecret(out, run.stdout, run.stderr);
  });

  it('stops starting jobs after --max-failed-jobs during an outage, counts them apart from every rate, and --resume runs them again', async () => {
    let down = true;
    const { agentRequests, models } = await serverWithAgent(() => (down ? errorReply(503, { message: 'overloaded' }) : completionReply({ content: 'It is on its way. Anything else?' })));
    const root = scratch();
    const out = join(root, 'run');
    const first = await runGenerate(['--domain', 'retail', ...blueprints, ...models, '--trials', '3', '--concurrency', '1', '--max-failed-jobs', '2', '--out', out], { cwd: root, env, hooks: { clock: instantClock() } });
    expect(first.code).toBe(3);
    expect(first.stderr.trim().split('\n')).toEqual([
      `error: 2 jobs failed for reasons outside the agent (infrastructure-error 2): not graded, in no rate; then run them again with \`interplay generate --resume ${out}\``,
    ]);
    // Two jobs, each 3 attempts (the first and 2 retries), then no more starts.
    expect(agentRequests()).toBe(6);
    expect(first.stdout).toContain('stopped starting jobs: 2 job(s) failed in this session (--max-failed-jobs 2); 4 job(s) not started');
    expect(first.stdout).toMatch(/2 jobs failed: infrastructure-error \(agent agent-model@http:\/\/127\.0\.0\.1:\d+\/v1: model .* unavailable \(server-error 503\) after 3 attempts/);
    expect(first.stdout).toContain('trajectories 0: kept 0');
    expect(first.stdout).toContain('pass^k: n/a');
    expect(readLines(join(out, 'trajectories.jsonl'))).toEqual([]);
    expect(failedRecords(out).map((record) => [record.jobId, record.termination.reason, record.role])).toEqual([
      ['retail-cancel-pending-order#0', 'infrastructure-error', 'agent'],
      ['retail-cancel-pending-order#1', 'infrastructure-error', 'agent'],
    ]);

    down = false;
    const second = await runGenerate(['--resume', out], { cwd: root, env, hooks: { clock: instantClock() } });
    expect(second.stderr).toBe('');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`resuming ${out}: 0 trajectories already in the log; 2 failed job(s) to run again`);
    expect(readLines(join(out, 'trajectories.jsonl')).map((line) => (JSON.parse(line) as { id: string }).id).sort()).toEqual([
      'retail-cancel-pending-order#0',
      'retail-cancel-pending-order#1',
      'retail-cancel-pending-order#2',
      'retail-update-default-address#0',
      'retail-update-default-address#1',
      'retail-update-default-address#2',
    ]);
    expect(second.stdout).toContain('trajectories 6:');
    expect(second.stdout).not.toContain('failed:');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.counts).toMatchObject({ trajectories: 6, failedJobs: {} });
    expect(manifest.batch.summary.failedJobs).toEqual({});
    // The history stays: the failed records are superseded by the trajectories, not erased.
    expect(failedRecords(out)).toHaveLength(2);
    expectNoSecret(out, first.stdout, first.stderr, second.stdout);
  });
});

describe('failed jobs in `interplay rollout`', () => {
  it('stops at a 404 for the human model with one line and exit 3, leaving the other jobs unstarted', async () => {
    const server = await startChatCompletionsServer(() => errorReply(404, { message: 'The model `human-model` does not exist', type: 'invalid_request_error', code: 'model_not_found' }));
    closers.push(() => server.close());
    const root = scratch();
    const out = join(root, 'run');
    const models = ['--agent-model', 'agent-model', '--agent-base-url', server.baseURL, '--human-model', 'human-model', '--human-base-url', server.baseURL];
    const run = await runInterplay(['rollout', '--domain', 'retail', '--blueprint', 'retail-cancel-pending-order', ...models, '--trials', '3', '--out', out], { cwd: root, env });
    expect(run.code).toBe(3);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: the human endpoint http:\/\/127\.0\.0\.1:\d+\/v1 rejected model human-model \(.*404.*\): the batch stopped\./);
    expect(server.requests).toHaveLength(1);
    expect(readLines(join(out, 'trajectories.jsonl'))).toEqual([]);
    expect(failedRecords(out).map((record) => [record.termination.reason, record.role])).toEqual([['endpoint-rejected', 'human']]);
    expect(run.stdout).toContain('1 job failed: endpoint-rejected');
    expectNoSecret(out, run.stdout, run.stderr);
  });
});

describe('no listener warnings', () => {
  it('runs more than 10 jobs through generate and rollout over HTTP without a MaxListenersExceededWarning', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const { models } = await serverWithAgent(() => completionReply({ content: 'It is on its way. Anything else?' }));
      const root = scratch();
      const batch = await runGenerate(['--domain', 'retail', '--blueprints', 'retail-cancel-pending-order', ...models, '--trials', '12', '--concurrency', '12', '--out', join(root, 'batch')], { cwd: root, env });
      expect(batch.code).toBe(0);
      const single = await runInterplay(['rollout', '--domain', 'retail', '--blueprint', 'retail-cancel-pending-order', ...models, '--trials', '12', '--out', join(root, 'single')], { cwd: root, env });
      expect(single.code).toBe(0);
      // Warnings are emitted on the next tick: let them arrive before looking.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning').map((warning) => warning.message)).toEqual([]);
  });
});
