import { describe, expect, it } from 'vitest';
import { retail } from '../../../domains/retail/index.ts';
import { validateBlueprint } from '../../../src/blueprints/validate-blueprint.ts';
import { ValidationUnfinishedError } from '../../../src/blueprints/validation-unfinished-error.ts';
import type { Domain } from '../../../src/domain-kit/index.ts';
import { ModelRequestError, ModelUnavailableError, ScriptedChatModel, textReply } from '../../../src/models/index.ts';
import { cancelBlueprint, retailBase } from '../../support/default-retail.ts';
import { allPass, reviewReply } from '../review-replies.ts';

const domain = retail as unknown as Domain;
const base = retailBase();
const unavailable = (model: string) => new ModelUnavailableError(model, 'server-error', 503, 3, 'overloaded');
/** Models the validation must never call (no feedback, no revision): their scripts are empty. */
const untouchable = () => ({ feedbackModel: new ScriptedChatModel([], { id: 'feedback' }), generatorModel: new ScriptedChatModel([], { id: 'generator' }) });

describe('committee outcomes', () => {
  it('no quorum (every reviewer abstained): undecided, with no feedback and no revision', async () => {
    const mute = (id: string) => new ScriptedChatModel([textReply('fine'), textReply('still fine')], { id });
    const models = untouchable();
    const blueprint = { ...cancelBlueprint(), status: 'approved' as const };
    const outcome = await validateBlueprint({ domain, base, blueprint, reviewers: [mute('a'), mute('b'), mute('c')], ...models });
    expect(outcome).toMatchObject({ status: 'undecided', accepted: false });
    expect(outcome.failedStage).toBeUndefined();
    expect(outcome.history).toHaveLength(1);
    expect(outcome.history[0]?.feedback).toBeUndefined();
    expect(outcome.history[0]?.checks.at(-1)?.problems[0]).toBe('no quorum: all 3 reviewers abstained');
    // An undecided blueprint keeps the status it came with: there is no new verdict to give it.
    expect(outcome.blueprint.status).toBe('approved');
    expect(models.feedbackModel.calls).toHaveLength(0);
    expect(models.generatorModel.calls).toHaveLength(0);
  });

  it('one voter of three cannot approve (default quorum: a majority), unless --min-voters says 1', async () => {
    const committee = () => [new ScriptedChatModel([reviewReply(allPass)], { id: 'voter' }), ...['x', 'y'].map((id) => new ScriptedChatModel([textReply('?'), textReply('?')], { id }))];
    const lone = await validateBlueprint({ domain, base, blueprint: cancelBlueprint(), reviewers: committee(), ...untouchable() });
    expect(lone.status).toBe('undecided');
    expect(lone.history[0]?.checks.at(-1)?.problems[0]).toBe('no quorum: 1 of 3 reviewers voted, 2 needed');
    const allowed = await validateBlueprint({ domain, base, blueprint: cancelBlueprint(), reviewers: committee(), minVoters: 1 });
    expect(allowed.status).toBe('approved');
    await expect(validateBlueprint({ domain, base, blueprint: cancelBlueprint(), reviewers: committee(), minVoters: 4 })).rejects.toThrow(RangeError);
  });

  it('keeps the votes of the reviewers that answered when one reviewer keeps failing', async () => {
    const reviewers = [
      new ScriptedChatModel([unavailable('down'), unavailable('down'), unavailable('down')], { id: 'down' }),
      new ScriptedChatModel([reviewReply(allPass)], { id: 'a' }),
      new ScriptedChatModel([reviewReply(allPass)], { id: 'b' }),
    ];
    const outcome = await validateBlueprint({ domain, base, blueprint: cancelBlueprint(), reviewers });
    expect(outcome.status).toBe('approved');
    expect(outcome.blueprint.reviews?.[0]).toMatchObject({ reviewer: 'down', abstained: true, failed: true, attempts: 3 });
    expect(outcome.blueprint.checks?.at(-1)?.details).toMatchObject({ voters: 2, failures: 1, minVoters: 2 });
  });

  it('a committee kept from its quorum by failed reviewer calls did not finish: no verdict, no feedback', async () => {
    const models = untouchable();
    const reviewers = [
      new ScriptedChatModel([reviewReply(allPass)], { id: 'a' }),
      new ScriptedChatModel([unavailable('b'), unavailable('b'), unavailable('b')], { id: 'b' }),
      new ScriptedChatModel([unavailable('c'), unavailable('c'), unavailable('c')], { id: 'c' }),
    ];
    const failure = await validateBlueprint({ domain, base, blueprint: cancelBlueprint(), reviewers, ...models }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationUnfinishedError);
    expect(failure).toMatchObject({ role: 'reviewer', endpointRejected: false });
    expect((failure as Error).message).toBe(
      'no quorum because reviewer calls failed: 1 of 3 reviewers voted, 2 needed, 2 failed (b: model b unavailable (server-error 503) after 3 attempts: overloaded; c: model c unavailable (server-error 503) after 3 attempts: overloaded)',
    );
    expect(models.feedbackModel.calls).toHaveLength(0);
  });

  it('an endpoint that refuses the key stops the validation at once, naming the reviewer', async () => {
    const reviewers = [new ScriptedChatModel([new ModelRequestError('judge', 403, 'forbidden')], { id: 'judge' }), new ScriptedChatModel([reviewReply(allPass)], { id: 'b' })];
    const failure = await validateBlueprint({ domain, base, blueprint: cancelBlueprint(), reviewers }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'ValidationUnfinishedError', role: 'reviewer', model: 'judge', reviewerIndex: 0, endpointRejected: true });
  });
});
