import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, toPromise } from 'xstate';
import { retail } from '../../domains/retail/index.ts';
import type { CommitteeOutcome } from '../../src/blueprints/committee/run-committee.ts';
import { committeeStageResult, tallyVotes } from '../../src/blueprints/committee/committee-vote.ts';
import { validationMachine, type CommitteeInput, type FeedbackInput, type RevisionInput, type ValidationMachineInput } from '../../src/blueprints/validation-machine.ts';
import type { FeedbackAnswer } from '../../src/blueprints/refinement/request-feedback.ts';
import type { RevisionAnswer } from '../../src/blueprints/refinement/request-revision.ts';
import type { CommitteeReview } from '../../src/blueprints/validation-result.ts';
import type { Domain } from '../../src/domain-kit/index.ts';
import { ScriptedChatModel } from '../../src/models/index.ts';
import { cancelBlueprint, identifyByEmail, retailBase } from '../support/default-retail.ts';
import { review } from './review-replies.ts';

function input(overrides: Partial<ValidationMachineInput> = {}): ValidationMachineInput {
  return {
    domain: retail as unknown as Domain,
    base: retailBase(),
    blueprint: cancelBlueprint(),
    reviewers: [],
    threshold: 4,
    minVoters: undefined,
    parseRetries: 1,
    failureRetries: 0,
    feedbackModel: undefined,
    generatorModel: undefined,
    maxRounds: 3,
    ...overrides,
  };
}

/** Runs the machine and lists every state it entered, in order. */
async function statesVisited(machine: typeof validationMachine, machineInput: ValidationMachineInput) {
  const visited: string[] = [];
  const actor = createActor(machine, { input: machineInput });
  actor.subscribe((snapshot) => {
    const value = JSON.stringify(snapshot.value);
    if (visited.at(-1) !== value) visited.push(value);
  });
  actor.start();
  const output = await toPromise(actor);
  return { visited, output };
}

describe('the validation machine', () => {
  it('skips the committee state when no reviewer is configured (offline)', async () => {
    const never = validationMachine.provide({ actors: { committee: fromPromise<CommitteeOutcome, CommitteeInput>(() => Promise.reject(new Error('the committee must not run'))) } });
    const { visited, output } = await statesVisited(never, input());
    expect(visited).toEqual(['"accepted"']);
    expect(output.status).toBe('validated');
    expect(output.history[0]?.checks.map((check) => [check.stage, check.passed, check.skipped ?? false])).toEqual([
      ['format', true, false],
      ['execution', true, false],
      ['policy', true, false],
      ['committee', false, true],
    ]);
  });

  it('routes to the committee actor (swappable with .provide) when reviewers are configured', async () => {
    const reviews: CommitteeReview[] = [{ reviewer: 'provided', abstained: false, reply: review([1, 1, 1, 1]), attempts: 1 }];
    const provided = validationMachine.provide({
      actors: {
        committee: fromPromise<CommitteeOutcome, CommitteeInput>(async () => {
          const vote = tallyVotes(reviews, 4);
          return { result: committeeStageResult(vote, reviews), reviews, vote, responses: [] };
        }),
      },
    });
    const { visited, output } = await statesVisited(provided, input({ reviewers: [new ScriptedChatModel([], { id: 'unused' })] }));
    expect(visited).toEqual(['"committee"', '"accepted"']);
    expect(output.status).toBe('approved');
    expect(output.history[0]?.reviews).toEqual(reviews);
  });

  it('goes through refine (feedback, then revise) and back to format after a failure', async () => {
    const blueprint = cancelBlueprint();
    const broken = { ...blueprint, actions: [identifyByEmail(blueprint.userId), { name: 'cancel_pending_order', arguments: { order_id: '#W0000000', reason: 'no longer needed' } }] };
    const provided = validationMachine.provide({
      actors: {
        feedback: fromPromise<FeedbackAnswer, FeedbackInput>(async () => ({ feedback: 'use the real order', response: { message: { role: 'assistant' as const, content: 'use the real order' }, model: 'f' } })),
        revise: fromPromise<RevisionAnswer, RevisionInput>(async () => ({
          ok: true as const,
          revision: { instruction: blueprint.instruction, actions: blueprint.actions, outputs: blueprint.outputs },
          response: { message: { role: 'assistant' as const, content: '' }, model: 'g' },
        })),
      },
    });
    const unused = new ScriptedChatModel([], { id: 'unused' });
    const { visited, output } = await statesVisited(provided, input({ blueprint: broken, feedbackModel: unused, generatorModel: unused }));
    expect(visited).toEqual(['{"refine":"feedback"}', '{"refine":"revise"}', '"accepted"']);
    expect(output.history.map((round) => round.feedback)).toEqual(['use the real order', undefined]);
  });
});
