import { describe, expect, it } from 'vitest';
import { retail } from '../../../domains/retail/index.ts';
import type { Blueprint } from '../../../src/blueprints/blueprint.ts';
import { defaultMaxRounds } from '../../../src/blueprints/refinement/max-rounds.ts';
import { validateBlueprint } from '../../../src/blueprints/validate-blueprint.ts';
import { ValidationUnfinishedError } from '../../../src/blueprints/validation-unfinished-error.ts';
import { DomainState, type Domain } from '../../../src/domain-kit/index.ts';
import { ModelUnavailableError, ScriptedChatModel, textReply, type ScriptedReply } from '../../../src/models/index.ts';
import { cancelBlueprint, pendingOrder, retailBase } from '../../support/default-retail.ts';
import { allPass, reviewReply } from '../review-replies.ts';

const domain = retail as unknown as Domain;
const base = retailBase();

/** The cancel blueprint with an order id that does not exist (in every action on the order): it fails the execution stage. */
function brokenBlueprint(): Blueprint {
  const blueprint = cancelBlueprint();
  return { ...blueprint, actions: blueprint.actions.map((action) => ('order_id' in action.arguments ? { ...action, arguments: { ...action.arguments, order_id: '#W0000000' } } : action)) };
}

/** A generator reply revising to the good cancel blueprint, wrapped in prose. */
function goodRevision(): ScriptedReply {
  const { instruction, actions, outputs } = cancelBlueprint();
  return textReply(`Here is the fix.\n${JSON.stringify({ thought: 'Use the real order id.', instruction, actions, outputs })}`);
}

const badRevision = (): ScriptedReply => {
  const { instruction, actions, outputs } = brokenBlueprint();
  return textReply(JSON.stringify({ thought: 'Unchanged.', instruction, actions, outputs }));
};

const FEEDBACK = `1. Use order ${pendingOrder().order_id}, the customer's pending order, in both actions.`;

describe('the feedback-and-revise loop', () => {
  it('fails, gets feedback, and the revised blueprint passes in round 1', async () => {
    const feedbackModel = new ScriptedChatModel([textReply(FEEDBACK)], { id: 'feedback' });
    const generatorModel = new ScriptedChatModel([goodRevision()], { id: 'generator' });
    const outcome = await validateBlueprint({ domain, base, blueprint: brokenBlueprint(), feedbackModel, generatorModel });

    expect(outcome.status).toBe('validated');
    expect(outcome.accepted).toBe(true);
    expect(outcome.failedStage).toBeUndefined();
    expect(outcome.history.map((round) => [round.round, round.checks.map((check) => `${check.stage}:${check.skipped ? 'skipped' : check.passed}`), round.feedback])).toEqual([
      [0, ['format:true', 'execution:false'], FEEDBACK],
      [1, ['format:true', 'execution:true', 'policy:true', 'committee:skipped'], undefined],
    ]);
    expect(outcome.history[0]?.actions[0]).toEqual(cancelBlueprint().actions[0]);
    expect(outcome.history[0]?.actions[1]?.arguments).toEqual({ order_id: '#W0000000' });
    expect(outcome.blueprint).toMatchObject({ id: 'cancel-pending', status: 'validated', actions: cancelBlueprint().actions, history: outcome.history, checks: outcome.history[1]?.checks });
    expect(outcome.usage).toEqual({
      feedback: { calls: 1, promptTokens: 0, completionTokens: 0, totalTokens: 0 },
      generator: { calls: 1, promptTokens: 0, completionTokens: 0, totalTokens: 0 },
    });

    const feedbackPrompt = feedbackModel.calls[0]?.messages[0]?.content as string;
    expect(feedbackPrompt).toContain('- execution: FAILED\n    - actions[1] (get_order_details): returned an error: Error: order not found');
    expect(feedbackPrompt).toContain('"order_id":"#W0000000"');
    const revisionPrompt = generatorModel.calls[0]?.messages[0]?.content as string;
    expect(revisionPrompt).toContain(`## Feedback\n${FEEDBACK}`);
    expect(revisionPrompt).toContain(JSON.stringify(new DomainState(base).get('users', cancelBlueprint().userId)));
    expect(revisionPrompt).toContain('"thought"');
    feedbackModel.assertConsumed();
    generatorModel.assertConsumed();
  });

  it('sends a committee rejection through feedback and approves the revision', async () => {
    const blueprint = cancelBlueprint();
    const rejectThenApprove = (id: string) => new ScriptedChatModel([reviewReply([1, 1, 1, 0], 'Say why the order is cancelled.'), reviewReply(allPass)], { id });
    const reviewers = [rejectThenApprove('r1'), rejectThenApprove('r2'), rejectThenApprove('r3')];
    const feedbackModel = new ScriptedChatModel([textReply('1. Make the request more specific.')], { id: 'feedback' });
    const generatorModel = new ScriptedChatModel([goodRevision()], { id: 'generator' });
    const outcome = await validateBlueprint({ domain, base, blueprint, reviewers, feedbackModel, generatorModel });

    expect(outcome.status).toBe('approved');
    expect(outcome.history).toHaveLength(2);
    expect(outcome.history[0]?.checks.at(-1)?.problems).toEqual(['creativity: 0 of 3 voting reviewers gave 1', '3 of 4 criteria passed, 4 needed']);
    expect(outcome.history[0]?.reviews).toHaveLength(3);
    expect(outcome.blueprint.reviews?.every((entry) => entry.reply?.creativity === 1)).toBe(true);
    const feedbackPrompt = feedbackModel.calls[0]?.messages[0]?.content as string;
    expect(feedbackPrompt).toContain('## Committee reviews\nReviewer 1 (r1) scored {"correctness":1,"completeness":1,"satisfaction":1,"creativity":0}');
    expect(feedbackPrompt).toContain('Correction: Say why the order is cancelled.');
    expect(outcome.usage.committee?.calls).toBe(6);
    for (const reviewer of reviewers) reviewer.assertConsumed();
  });

  it('never revises more than maxRounds times, and keeps every round', async () => {
    const feedbackModel = new ScriptedChatModel([textReply('fix it'), textReply('fix it again')], { id: 'feedback' });
    const generatorModel = new ScriptedChatModel([badRevision(), badRevision()], { id: 'generator' });
    const outcome = await validateBlueprint({ domain, base, blueprint: brokenBlueprint(), feedbackModel, generatorModel, maxRounds: 2 });

    expect(outcome.status).toBe('rejected');
    expect(outcome.failedStage).toBe('execution');
    expect(outcome.history.map((round) => [round.round, round.feedback])).toEqual([
      [0, 'fix it'],
      [1, 'fix it again'],
      [2, undefined],
    ]);
    expect(outcome.blueprint.status).toBe('rejected');
    feedbackModel.assertConsumed();
    generatorModel.assertConsumed();
  });

  it('defaults to the paper limits by domain: 3 revisions for retail, 5 for airline', async () => {
    expect([defaultMaxRounds('retail'), defaultMaxRounds('airline'), defaultMaxRounds('other')]).toEqual([3, 5, 3]);
    const feedbackModel = new ScriptedChatModel(Array.from({ length: 3 }, () => textReply('fix it')), { id: 'feedback' });
    const generatorModel = new ScriptedChatModel(Array.from({ length: 3 }, badRevision), { id: 'generator' });
    const outcome = await validateBlueprint({ domain, base, blueprint: brokenBlueprint(), feedbackModel, generatorModel });
    expect(outcome.history).toHaveLength(4);
    expect(outcome.status).toBe('rejected');
  });

  it('counts an unusable revision as a failed round and goes on', async () => {
    const feedbackModel = new ScriptedChatModel([textReply('fix the id'), textReply('answer in JSON')], { id: 'feedback' });
    const generatorModel = new ScriptedChatModel([textReply('Sorry, I cannot help with that.'), goodRevision()], { id: 'generator' });
    const outcome = await validateBlueprint({ domain, base, blueprint: brokenBlueprint(), feedbackModel, generatorModel });

    expect(outcome.status).toBe('validated');
    expect(outcome.history).toHaveLength(3);
    expect(outcome.history[1]?.checks).toEqual([
      { stage: 'format', passed: false, problems: ["revision: the generator's reply could not be used (the reply contains no JSON object); the blueprint is unchanged"] },
    ]);
    expect(outcome.history[1]?.actions).toEqual(brokenBlueprint().actions);
    expect(feedbackModel.calls[1]?.messages[0]?.content).toContain("revision: the generator's reply could not be used");
  });

  it('checks a revision with the wrong types at stage 1, and keeps the latest valid blueprint', async () => {
    const feedbackModel = new ScriptedChatModel([textReply('fix the id')], { id: 'feedback' });
    const generatorModel = new ScriptedChatModel([textReply('{"thought": "", "instruction": 5, "actions": "none", "outputs": []}')], { id: 'generator' });
    const outcome = await validateBlueprint({ domain, base, blueprint: brokenBlueprint(), feedbackModel, generatorModel, maxRounds: 1 });

    expect(outcome.status).toBe('rejected');
    expect(outcome.failedStage).toBe('format');
    expect(outcome.history[1]).toMatchObject({
      round: 1,
      instruction: '5',
      actions: [],
      checks: [{ stage: 'format', passed: false, problems: ['instruction: expected string, received number', 'actions: expected array, received string'] }],
    });
    expect(outcome.blueprint.instruction).toBe(brokenBlueprint().instruction);
    expect(outcome.blueprint.checks).toEqual(outcome.history[1]?.checks);
  });

  it('ends as rejected after round 0 without a feedback and a generator model', async () => {
    const alone = await validateBlueprint({ domain, base, blueprint: brokenBlueprint() });
    expect(alone).toMatchObject({ status: 'rejected', accepted: false, failedStage: 'execution', usage: {} });
    expect(alone.history).toHaveLength(1);
    expect(alone.history[0]?.feedback).toBeUndefined();
    const feedbackOnly = new ScriptedChatModel([], { id: 'feedback' });
    expect((await validateBlueprint({ domain, base, blueprint: brokenBlueprint(), feedbackModel: feedbackOnly })).history).toHaveLength(1);
  });

  it('rejects the promise when a model call fails (did not finish, naming the role), and when it is aborted', async () => {
    const down = new ScriptedChatModel([new ModelUnavailableError('feedback', 'server-error', 500, 3, 'boom')], { id: 'feedback' });
    const failure = await validateBlueprint({ domain, base, blueprint: brokenBlueprint(), feedbackModel: down, generatorModel: new ScriptedChatModel([]) }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationUnfinishedError);
    expect(failure).toMatchObject({ role: 'feedback', model: 'feedback', endpointRejected: false });
    expect((failure as ValidationUnfinishedError).cause).toBeInstanceOf(ModelUnavailableError);
    expect((failure as Error).message).toMatch(/^the feedback model feedback failed: model feedback unavailable \(server-error 500\)/);

    const controller = new AbortController();
    let seenSignal: AbortSignal | undefined;
    const hanging = new ScriptedChatModel(
      [
        (request) => {
          seenSignal = request.signal;
          queueMicrotask(() => controller.abort(new Error('stopped by the user')));
          return new Promise<never>(() => undefined);
        },
      ],
      { id: 'hanging' },
    );
    await expect(validateBlueprint({ domain, base, blueprint: cancelBlueprint(), reviewers: [hanging], signal: controller.signal })).rejects.toThrow('stopped by the user');
    expect(seenSignal?.aborted).toBe(true);
    await expect(validateBlueprint({ domain, base, blueprint: cancelBlueprint(), signal: controller.signal })).rejects.toThrow('stopped by the user');
  });

  it('refuses a bad threshold or round limit before doing anything', async () => {
    await expect(validateBlueprint({ domain, base, blueprint: cancelBlueprint(), threshold: 5 })).rejects.toThrow(RangeError);
    await expect(validateBlueprint({ domain, base, blueprint: cancelBlueprint(), maxRounds: -1 })).rejects.toThrow('maxRounds must be a whole number of at least 0, got -1');
  });
});
