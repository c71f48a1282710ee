import { describe, expect, it } from 'vitest';
import { retail } from '../../../domains/retail/index.ts';
import type { ReviewSubject } from '../../../src/blueprints/committee/review-prompt.ts';
import { runCommittee } from '../../../src/blueprints/committee/run-committee.ts';
import { checkExecution, type ExecutionDetails } from '../../../src/blueprints/stages/execution-check.ts';
import type { Domain } from '../../../src/domain-kit/index.ts';
import { ValidationUnfinishedError } from '../../../src/blueprints/validation-unfinished-error.ts';
import { ModelRequestError, ModelUnavailableError, ScriptedChatModel, textReply } from '../../../src/models/index.ts';
import { cancelBlueprint, retailBase } from '../../support/default-retail.ts';
import { allPass, fencedReviewReply, review, reviewReply } from '../review-replies.ts';

export function cancelSubject(): ReviewSubject {
  const blueprint = cancelBlueprint();
  const details = checkExecution(retail as unknown as Domain, retailBase(), blueprint).result.details as unknown as ExecutionDetails;
  return {
    domain: 'retail',
    policy: retail.policy,
    tools: retail.toolSchemas(),
    userId: blueprint.userId,
    instruction: blueprint.instruction,
    actions: blueprint.actions,
    outputs: blueprint.outputs,
    diff: details.diff,
    results: details.results,
  };
}

describe('the committee', () => {
  it('gives each reviewer one prompt with the task, tools, policy and diff, and accepts a unanimous vote', async () => {
    const subject = cancelSubject();
    const reviewers = ['r1', 'r2', 'r3'].map((id) => new ScriptedChatModel([reviewReply(allPass)], { id }));
    const outcome = await runCommittee(subject, { reviewers, threshold: 4 });
    expect(outcome.result).toMatchObject({ stage: 'committee', passed: true, problems: [] });
    expect(outcome.reviews.map((entry) => [entry.reviewer, entry.abstained, entry.attempts])).toEqual([
      ['r1', false, 1],
      ['r2', false, 1],
      ['r3', false, 1],
    ]);
    for (const reviewer of reviewers) {
      expect(reviewer.calls).toHaveLength(1);
      const prompt = reviewer.calls[0]?.messages[0]?.content as string;
      expect(reviewer.calls[0]?.messages).toHaveLength(1);
      expect(prompt).toContain(`Instruction: ${subject.instruction}`);
      expect(prompt).toContain(`Actions: ${JSON.stringify(subject.actions)}`);
      expect(prompt).toContain(`Outputs: ${JSON.stringify(subject.outputs)}`);
      expect(prompt).toContain(retail.policy.trim().slice(0, 200));
      expect(prompt).toContain('"name":"cancel_pending_order"');
      expect(prompt).toContain(subject.diff);
      expect(prompt).toContain('"correctness": 0 or 1');
      reviewer.assertConsumed();
    }
  });

  it('reads JSON wrapped in fences and prose', async () => {
    const reviewers = [new ScriptedChatModel([fencedReviewReply(allPass)], { id: 'fenced' }), new ScriptedChatModel([reviewReply(allPass)], { id: 'bare' })];
    const outcome = await runCommittee(cancelSubject(), { reviewers, threshold: 4 });
    expect(outcome.reviews[0]).toEqual({ reviewer: 'fenced', abstained: false, reply: review(allPass), attempts: 1 });
    expect(outcome.vote.accepted).toBe(true);
  });

  it('asks again after an unparseable reply, telling the model the problem, and uses the valid retry', async () => {
    const retried = new ScriptedChatModel([textReply('It all looks correct to me.'), reviewReply(allPass)], { id: 'retried' });
    const outcome = await runCommittee(cancelSubject(), { reviewers: [retried], threshold: 4 });
    expect(outcome.reviews).toEqual([{ reviewer: 'retried', abstained: false, reply: review(allPass), attempts: 2 }]);
    const retry = retried.calls[1]?.messages ?? [];
    expect(retry.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(retry[1]?.content).toBe('It all looks correct to me.');
    expect(retry[2]?.content).toContain('Your answer could not be used: the reply contains no JSON object.');
    expect(outcome.responses).toHaveLength(2);
  });

  it('counts a reviewer that never answers in shape as an abstention, and fails with no quorum when all do', async () => {
    const stubborn = () => new ScriptedChatModel([textReply('yes'), textReply('{"verdict": "fine"}')], { id: 'stubborn' });
    const outcome = await runCommittee(cancelSubject(), { reviewers: [stubborn(), stubborn()], threshold: 4 });
    expect(outcome.reviews[0]).toMatchObject({
      abstained: true,
      attempts: 2,
      problem:
        'the JSON object does not have the review shape (reflection: missing (expected string); correctness: missing, expected the number 0 or 1; completeness: missing, expected the number 0 or 1; satisfaction: missing, expected the number 0 or 1; creativity: missing, expected the number 0 or 1; correction: missing (expected string))',
    });
    expect(outcome.result.passed).toBe(false);
    expect(outcome.result.problems[0]).toBe('no quorum: all 2 reviewers abstained');
  });

  it('retries as often as told: no retry with parseRetries 0', async () => {
    const once = new ScriptedChatModel([textReply('no json')], { id: 'once' });
    const voter = new ScriptedChatModel([reviewReply(allPass)], { id: 'voter' });
    const outcome = await runCommittee(cancelSubject(), { reviewers: [once, voter], threshold: 4, parseRetries: 0, minVoters: 1 });
    expect(outcome.reviews[0]).toMatchObject({ abstained: true, attempts: 1 });
    expect(outcome.vote).toMatchObject({ accepted: true, voters: 1, abstentions: 1 });
  });

  it('retries a failed reviewer call, then counts the reviewer as a failed abstention and keeps the other votes', async () => {
    const unavailable = () => new ModelUnavailableError('down', 'server-error', 500, 3, 'boom');
    const down = new ScriptedChatModel([unavailable(), unavailable(), unavailable()], { id: 'down' });
    const flaky = new ScriptedChatModel([unavailable(), reviewReply(allPass)], { id: 'flaky' });
    const steady = new ScriptedChatModel([reviewReply(allPass)], { id: 'steady' });
    const outcome = await runCommittee(cancelSubject(), { reviewers: [down, flaky, steady], threshold: 4 });
    expect(outcome.reviews).toEqual([
      { reviewer: 'down', abstained: true, failed: true, problem: 'model down unavailable (server-error 500) after 3 attempts: boom', attempts: 3 },
      { reviewer: 'flaky', abstained: false, reply: review(allPass), attempts: 2 },
      { reviewer: 'steady', abstained: false, reply: review(allPass), attempts: 1 },
    ]);
    expect(outcome.vote).toMatchObject({ decision: 'accepted', voters: 2, abstentions: 1, failures: 1 });
    for (const reviewer of [down, flaky, steady]) reviewer.assertConsumed();
  });

  it('makes a failed call again only failureRetries more times, and never repeats a refused (400) request', async () => {
    const down = new ScriptedChatModel([new ModelUnavailableError('down', 'timeout', undefined, 1, 'timed out')], { id: 'down' });
    const outcome = await runCommittee(cancelSubject(), { reviewers: [down, new ScriptedChatModel([reviewReply(allPass)], { id: 'ok' })], threshold: 4, failureRetries: 0, minVoters: 1 });
    expect(outcome.reviews[0]).toMatchObject({ abstained: true, failed: true, attempts: 1 });
    const refused = new ScriptedChatModel([new ModelRequestError('refused', 400, 'context too long')], { id: 'refused' });
    const again = await runCommittee(cancelSubject(), { reviewers: [refused], threshold: 4 });
    expect(again.reviews[0]).toMatchObject({ abstained: true, failed: true, attempts: 1, problem: 'model refused rejected the request (400): context too long' });
    refused.assertConsumed();
  });

  it('stops at once on an endpoint that refuses the caller (401), cancelling the other reviewers, naming the reviewer', async () => {
    const denied = new ScriptedChatModel([new ModelRequestError('judge', 401, 'invalid api key')], { id: 'judge' });
    let cancelled: AbortSignal | undefined;
    const slow = new ScriptedChatModel(
      [
        (request) => {
          cancelled = request.signal;
          return new Promise((_, reject) => request.signal?.addEventListener('abort', () => reject(request.signal?.reason)));
        },
      ],
      { id: 'slow' },
    );
    const failure = await runCommittee(cancelSubject(), { reviewers: [slow, denied], threshold: 4 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationUnfinishedError);
    expect(failure).toMatchObject({ role: 'reviewer', model: 'judge', reviewerIndex: 1, endpointRejected: true });
    expect(cancelled?.aborted).toBe(true);
    expect(denied.calls).toHaveLength(1);
  });

  it('never reads the reasoning as the review, and ignores <think> drafts left in the content', async () => {
    const draft = JSON.stringify(review([0, 0, 0, 0]));
    const separated = new ScriptedChatModel([{ message: { role: 'assistant', content: JSON.stringify(review(allPass)), reasoning: `Draft: ${draft}` } }], { id: 'separated' });
    const inline = new ScriptedChatModel([textReply(`<think>First try: ${draft}. Hmm, no, it is fine.</think>\nFinal: ${JSON.stringify(review(allPass))}`)], { id: 'inline' });
    const templated = new ScriptedChatModel([textReply(`drafting ${draft}</think>${JSON.stringify(review(allPass))}`)], { id: 'templated' });
    const outcome = await runCommittee(cancelSubject(), { reviewers: [separated, inline, templated], threshold: 4 });
    expect(outcome.reviews.map((entry) => entry.reply)).toEqual([review(allPass), review(allPass), review(allPass)]);
    expect(outcome.vote.decision).toBe('accepted');

    const thinkingOnly = new ScriptedChatModel([textReply(`<think>${draft}</think>`), reviewReply(allPass)], { id: 'thinking-only' });
    const retried = await runCommittee(cancelSubject(), { reviewers: [thinkingOnly], threshold: 4 });
    expect(retried.reviews[0]).toMatchObject({ abstained: false, attempts: 2 });
    expect(thinkingOnly.calls[1]?.messages[1]).toEqual({ role: 'assistant', content: '' });
    expect(thinkingOnly.calls[1]?.messages[2]?.content).toContain('the reply was empty');
  });
});
