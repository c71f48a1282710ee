import { describe, expect, it } from 'vitest';
import { retail } from '../../../domains/retail/index.ts';
import type { Blueprint } from '../../../src/blueprints/blueprint.ts';
import { createModelHuman } from '../../../src/rollout/model-human.ts';
import { OracleAgent, ScriptedHuman } from '../../../src/rollout/offline/index.ts';
import { runRollout } from '../../../src/rollout/run-rollout.ts';
import { cancelBlueprint, retailBase, tickingClock } from '../../support/default-retail.ts';

const transfer = { name: 'transfer_to_human_agents', arguments: { summary: 'The user also wants to talk about a refund dispute.' } };

/** One offline rollout: the scripted human of `blueprint` against the oracle agent playing `agentActions`. */
async function play(blueprint: Blueprint, agentActions: Blueprint['actions']) {
  const human = createModelHuman(new ScriptedHuman({ instruction: blueprint.instruction, seed: 1 }), { instruction: blueprint.instruction });
  const agent = new OracleAgent({ domain: retail as never, actions: agentActions, outputs: blueprint.outputs });
  return runRollout({ domain: retail as never, base: retailBase() as never, blueprint, attempt: 0, seed: 1, human, agent, clock: tickingClock() });
}

describe('transfers, graded from a real offline rollout', () => {
  it('keeps the oracle agent transferring exactly as the gold does (the oracle calls the transfer tool like any non-write action)', async () => {
    const gold = { ...cancelBlueprint(), id: 'cancel-then-transfer', actions: [...cancelBlueprint().actions, transfer], outputs: [] };
    const trajectory = await play(gold, gold.actions);
    expect(trajectory.termination).toEqual({ reason: 'transfer', detail: 'the agent called transfer_to_human_agents' });
    expect(trajectory.messages.at(-2)).toMatchObject({ role: 'assistant', tool_calls: [{ function: { name: 'transfer_to_human_agents' } }] });
    expect(trajectory.verdict).toMatchObject({ kept: true, reason: 'accepted', termination: 'transfer', state: { match: true } });
  });

  it('rejects a transfer the gold does not end with, even when the state matches', async () => {
    const gold = cancelBlueprint();
    const trajectory = await play({ ...gold, outputs: [] }, [...gold.actions, transfer]);
    expect(trajectory.termination.reason).toBe('transfer');
    expect(trajectory.verdict).toMatchObject({ kept: false, reason: 'unexpected-transfer', state: { match: true } });
  });

  it('grades an agent that skips the gold transfer as tau-bench does: the transfer changes no state, the user stop counts', async () => {
    const gold = { ...cancelBlueprint(), id: 'cancel-then-transfer', actions: [...cancelBlueprint().actions, transfer], outputs: [] };
    const trajectory = await play(gold, cancelBlueprint().actions);
    expect(trajectory.verdict).toMatchObject({ kept: true, termination: 'user-stop', state: { match: true } });
  });
});
