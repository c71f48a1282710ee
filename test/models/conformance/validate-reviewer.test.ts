import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerBehaviour } from '../../../src/models/testing/index.ts';
import { review } from '../../blueprints/review-replies.ts';
import { runInterplay } from '../../support/run-cli.ts';
import { BLUEPRINT, expectKeySent, expectNoSecret, keyVariables, roleServer, scratch, secrets, type RoleQuirks } from './support/conformance-world.ts';

/**
 * The conformance matrix for a committee REVIEWER in `interplay validate`, end to end: three reviewers
 * (`--reviewer-model a b c`, on the default endpoint and key from the environment, or a `--config` when a
 * case needs transport settings) on one conformance server that answers every review with all four
 * criteria passed. Each case asserts the committee's outcome, the exit code, the requests made, and
 * that no key is in the output or in the store `--write` writes to.
 */

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

const shipped = fileURLToPath(new URL(`../../../blueprints/retail/${BLUEPRINT}.json`, import.meta.url));
const reviewers = ['a', 'b', 'c'];
const approve = () => ({ content: JSON.stringify(review([1, 1, 1, 1])) });
const APPROVED = `${BLUEPRINT} (retail): approved after 1 round`;
/** The committee asks a reviewer whose calls fail this many times before it counts as a failed abstention. */
const COMMITTEE_TRIES = 3;

async function validateWith(quirks: RoleQuirks, transport?: { timeoutMs?: number; maxRetries?: number }) {
  const reviewer = await roleServer('reviewer', { answer: approve, ...quirks }, closers);
  const folder = scratch();
  mkdirSync(join(folder, 'in'));
  copyFileSync(shipped, join(folder, 'in', `${BLUEPRINT}.json`));
  const env = { [keyVariables.reviewer]: secrets.reviewer, OPENAI_BASE_URL: reviewer.server.baseURL };
  let models = ['--reviewer-model', ...reviewers];
  if (transport) {
    const config = reviewers.map((model) => ({ baseURL: reviewer.server.baseURL, model, apiKeyEnv: keyVariables.reviewer, ...transport }));
    writeFileSync(join(folder, 'models.json'), JSON.stringify({ models: { reviewers: config } }));
    models = ['--config', 'models.json'];
  }
  const run = await runInterplay(['validate', 'in', ...models, '--write', '--store', 'store'], { cwd: folder, env });
  expectKeySent(reviewer, secrets.reviewer);
  expectNoSecret(folder, run.stdout, run.stderr);
  const requestsOf = (model: string) => reviewer.server.requests.filter((request) => (request.body as { model: string }).model === model).length;
  return { run, reviewer, requestsOf };
}

describe('conformance behaviours on the reviewers\' endpoint, through `interplay validate`', () => {
  it.each(['think', 'reasoning_content', 'ollama-reasoning'] as const)('%s: the thinking (holding a failing draft review) is never read as the review; approved, exit 0', async (behaviour) => {
    const { run, reviewer } = await validateWith({ behaviours: behaviour });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(APPROVED);
    expect(reviewer.server.requests).toHaveLength(reviewers.length);
    expect(run.stdout).not.toContain('REVIEWER-PRIVATE-THOUGHT');
  });

  it('strict-template: the review prompt is a request the strictest template accepts; approved', async () => {
    const { run, reviewer } = await validateWith({ behaviours: 'strict-template' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(APPROVED);
    expect(reviewer.server.requests).toHaveLength(reviewers.length);
  });

  it.each(['reset', 'truncated-json'] as const)('%s once per reviewer, then the answer: retried by the transport; approved', async (behaviour) => {
    const { run, reviewer } = await validateWith({ behaviours: [behaviour, 'normal'] });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(APPROVED);
    expect(reviewer.server.requests).toHaveLength(2 * reviewers.length);
  });

  it('unavailable-window: 503s then the answer; approved, the retries counted', async () => {
    const { run, reviewer } = await validateWith({ behaviours: 'unavailable-window', unavailableRequests: 2, retryAfterMs: 1 });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(APPROVED);
    expect(reviewer.server.requests).toHaveLength(3 * reviewers.length);
  });

  it.each(['stall-after-headers', 'reset', 'truncated-json'] as const)('%s on every reviewer, every time: "not validated" (never rejected), nothing written, exit 3', async (behaviour: ServerBehaviour) => {
    const { run, reviewer } = await validateWith({ behaviours: behaviour }, { timeoutMs: 250, maxRetries: 0 });
    expect(run.code).toBe(3);
    expect(run.stdout).toContain(`${BLUEPRINT} (retail): not validated: no quorum because reviewer calls failed: 0 of 3 reviewers voted, 2 needed, 3 failed`);
    expect(run.stdout).not.toContain('rejected');
    expect(run.stdout).toContain(`not written: ${BLUEPRINT} (validation did not finish)`);
    expect(run.stderr).toMatch(/^error: 1 blueprint not validated: .*; run validate again on them\n$/);
    // Each reviewer asked COMMITTEE_TRIES times, one request each (no transport retry). At most: a busy machine can fire the client's 250 ms timeout before this process's server has read the request, so the server sees at most one request per attempt.
    expect(reviewer.server.requests.length).toBeLessThanOrEqual(COMMITTEE_TRIES * reviewers.length);
  });

  it('vllm-error on one reviewer: its 400 is not a vote (never repeated), the two others still approve, and the server\'s message is shown', async () => {
    const { run, requestsOf } = await validateWith({ behaviours: { b: 'vllm-error' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(APPROVED);
    expect(run.stdout).toMatch(/ {6}warning: b@http:\/\/127\.0\.0\.1:\d+\/v1 failed after 1 attempt: .*This model's maximum context length is 4096 tokens/);
    expect(requestsOf('a')).toBe(1);
    expect(requestsOf('b')).toBe(1);
    expect(requestsOf('c')).toBe(1);
  });

  it('vllm-error on every reviewer: no vote at all, so "not validated" (never rejected), with the server\'s message; exit 3', async () => {
    const { run, reviewer } = await validateWith({ behaviours: 'vllm-error' });
    expect(run.code).toBe(3);
    expect(run.stdout).toContain(`${BLUEPRINT} (retail): not validated: no quorum because reviewer calls failed: 0 of 3 reviewers voted, 2 needed, 3 failed`);
    expect(run.stdout).toContain("rejected the request (400): 400 This model's maximum context length is 4096 tokens");
    expect(run.stdout).not.toContain(`${BLUEPRINT} (retail): rejected`);
    // A 400 is never repeated, by the transport or the committee: one request per reviewer.
    expect(reviewer.server.requests).toHaveLength(reviewers.length);
  });

  it.each(['unauthorized', 'model-not-found'] as const)('%s on one reviewer: validation stops at once with one line naming role, endpoint and model; exit 3', async (behaviour) => {
    const { run, reviewer, requestsOf } = await validateWith({ behaviours: { c: behaviour } });
    expect(run.code).toBe(3);
    const status = behaviour === 'unauthorized' ? 401 : 404;
    expect(run.stderr).toMatch(new RegExp(`^error: the reviewer endpoint ${reviewer.server.baseURL.replace(/[.]/g, '\\.')} refused model c \\(${status} .*\\); validation stopped: check the key and the model name\\n$`));
    expect(requestsOf('c')).toBe(1);
    expect(reviewer.server.requests.length).toBeLessThanOrEqual(reviewers.length);
  });
});
