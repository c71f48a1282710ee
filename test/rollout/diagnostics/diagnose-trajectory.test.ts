import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { airline } from '../../../domains/airline/index.ts';
import { retail } from '../../../domains/retail/index.ts';
import { planJobs } from '../../../src/batch/rollout-job.ts';
import { readBlueprints } from '../../../src/blueprints/blueprint-files.ts';
import type { Blueprint } from '../../../src/blueprints/blueprint.ts';
import type { BaseState, Domain } from '../../../src/domain-kit/index.ts';
import type { ChatMessage } from '../../../src/models/index.ts';
import { agentToolSteps, diagnoseTrajectory } from '../../../src/rollout/diagnostics/index.ts';
import { createModelHuman } from '../../../src/rollout/model-human.ts';
import { createFallibleAgent, OracleAgent, ScriptedHuman, type MistakeKind } from '../../../src/rollout/offline/index.ts';
import { runRollout } from '../../../src/rollout/run-rollout.ts';
import type { Trajectory } from '../../../src/rollout/trajectory.ts';
import { cancelBlueprint, pendingOrder, retailBase, testBlueprint, tickingClock } from '../../support/default-retail.ts';

const shipped = (domain: string) => readBlueprints([fileURLToPath(new URL(`../../../blueprints/${domain}`, import.meta.url))]);
const domains: { domain: Domain; base: BaseState; blueprints: Blueprint[] }[] = [
  { domain: retail as never, base: retailBase() as never, blueprints: shipped('retail') },
  { domain: airline as never, base: airline.createBase() as never, blueprints: shipped('airline') },
];

async function fallibleRollout(domain: Domain, base: BaseState, blueprint: Blueprint, seed: number): Promise<{ trajectory: Trajectory; mistake: MistakeKind }> {
  const { agent, plan } = createFallibleAgent({ domain, actions: blueprint.actions, outputs: blueprint.outputs }, seed);
  const human = createModelHuman(new ScriptedHuman({ instruction: blueprint.instruction, seed }), { instruction: blueprint.instruction });
  const trajectory = await runRollout({ domain, base, blueprint, attempt: seed, seed, human, agent, clock: tickingClock() });
  return { trajectory, mistake: plan.mistake };
}

async function oracleRollout(blueprint: Blueprint, human = new ScriptedHuman({ instruction: blueprint.instruction, seed: 1 })): Promise<Trajectory> {
  return runRollout({ domain: retail as never, base: retailBase() as never, blueprint, attempt: 0, seed: 1, human: createModelHuman(human, { instruction: blueprint.instruction }), agent: new OracleAgent({ domain: retail as never, actions: blueprint.actions, outputs: blueprint.outputs }), clock: tickingClock() });
}

const diagnose = (blueprint: Blueprint, trajectory: Pick<Trajectory, 'messages' | 'termination' | 'interventions'>) => diagnoseTrajectory({ domain: retail as never, base: retailBase() as never, blueprint, trajectory });

describe('per-step diagnostics on the fallible agent', () => {
  it('attributes every seeded mistake of every shipped blueprint it can make to the agent, with the divergence it made', async () => {
    const seen = new Map<MistakeKind, number>();
    for (const { domain, base, blueprints } of domains) {
      // The seeds a batch gives its jobs (run seed 7, four trials per blueprint).
      for (const { blueprint, seed } of planJobs(blueprints, 4, 7)) {
        {
          const { trajectory, mistake } = await fallibleRollout(domain, base, blueprint, seed);
          const diagnostics = diagnoseTrajectory({ domain, base, blueprint, trajectory });
          const label = `${blueprint.id} seed ${seed} (${mistake})`;
          if (trajectory.verdict.kept) {
            expect(diagnostics.attribution, label).toMatchObject({ party: 'none', rule: 'kept' });
            continue;
          }
          if (trajectory.verdict.reason === 'unverifiable') {
            // A gold run that proves nothing (no change, no looked-up output) rejects every agent: the blueprint's fault.
            expect(diagnostics.attribution, label).toMatchObject({ party: 'blueprint', rule: 'gold-unverifiable' });
            continue;
          }
          seen.set(mistake, (seen.get(mistake) ?? 0) + 1);
          expect(mistake, `${label} was rejected (${trajectory.verdict.reason}) with no mistake`).not.toBe('none');
          expect(diagnostics.attribution.party, `${label}: ${diagnostics.attribution.explanation}`).toBe('agent');
          const divergence = diagnostics.alignment.firstDivergence;
          if (mistake === 'wrong-argument') {
            expect(['wrong-write', 'agent-policy-violation'], label).toContain(diagnostics.attribution.rule);
            expect(divergence, label).toMatchObject({ kind: 'wrong-arguments' });
            expect(divergence?.kind === 'wrong-arguments' && divergence.differences.length, label).toBeGreaterThan(0);
          } else {
            // A skipped write and a stop before writing both leave a gold write undone.
            expect(['missing-write', 'agent-policy-violation'], label).toContain(diagnostics.attribution.rule);
            expect(divergence, label).toMatchObject({ kind: 'missing-call' });
            expect(diagnostics.alignment.writes.exact, label).toBeLessThan(diagnostics.alignment.writes.gold);
          }
          expect(diagnostics.writes.some((write) => write.rendered !== ''), label).toBe(true);
        }
      }
    }
    // Every mistake kind was met and attributed.
    expect([...seen.keys()].sort()).toEqual(['premature-stop', 'skipped-step', 'wrong-argument']);
  });

  it('names the argument path a wrong write changed, and matches the reads before it exactly', async () => {
    const blueprint = cancelBlueprint();
    const order = pendingOrder();
    const trajectory = await oracleRollout({ ...blueprint, actions: blueprint.actions });
    const wrong: ChatMessage[] = trajectory.messages.map((message) =>
      message.role === 'assistant' && message.tool_calls?.[0]?.function.name === 'cancel_pending_order'
        ? { ...message, tool_calls: [{ ...message.tool_calls[0], function: { name: 'cancel_pending_order', arguments: JSON.stringify({ order_id: order.order_id, reason: 'ordered by mistake' }) } }] }
        : message,
    );
    // The stored result of the changed call is the one a replay gives, so the transcript stays consistent.
    const replayed = agentToolSteps(retail as never, retailBase() as never, wrong)[2]?.result ?? '';
    const diagnostics = diagnose(blueprint, { ...trajectory, messages: wrong.map((message) => (message.role === 'tool' && message.tool_call_id === 'oracle_2' ? { ...message, content: replayed } : message)) });
    expect(diagnostics.alignment.reads).toEqual({ gold: 2, exact: 2, partial: 0 });
    expect(diagnostics.alignment.writes).toEqual({ gold: 1, exact: 0, partial: 1 });
    expect(diagnostics.alignment.firstDivergence).toEqual({ kind: 'wrong-arguments', goldIndex: 2, agentStep: 2, name: 'cancel_pending_order', differences: [{ path: 'reason', gold: 'no longer needed', agent: 'ordered by mistake' }] });
    expect(diagnostics.alignment.actions[2]?.agreement).toBe(0.5);
    expect(diagnostics.writes).toHaveLength(1);
    expect(diagnostics.writes[0]?.rendered).toContain('~ cancel_reason: "no longer needed" -> "ordered by mistake"');
    expect(diagnostics.writes[0]?.gold?.change).toContain('status');
    expect(diagnostics.attribution).toMatchObject({ party: 'agent', rule: 'wrong-write' });
  });
});

describe('failure attribution beyond the agent', () => {
  it('puts a STOP said while agreeing to a write on the simulated human', async () => {
    const blueprint = cancelBlueprint();
    const trajectory = await oracleRollout(blueprint);
    // Cut the conversation where the agent asks to confirm the write, and let the user agree and stop at once.
    const ask = trajectory.messages.findIndex((message) => message.role === 'assistant' && message.content?.includes('Do you confirm'));
    const messages: ChatMessage[] = [...trajectory.messages.slice(0, ask + 1), { role: 'user', content: 'Yes, please go ahead. Thanks! ###STOP###' }];
    const diagnostics = diagnose(blueprint, { messages, termination: { reason: 'user-stop' } });
    expect(diagnostics.attribution).toMatchObject({ party: 'human', rule: 'stop-before-write' });
    expect(diagnostics.alignment.firstDivergence).toMatchObject({ kind: 'missing-call', name: 'cancel_pending_order' });
  });

  it('puts a user who ends the conversation while the agent still asks on the simulated human', async () => {
    const blueprint = cancelBlueprint();
    const trajectory = await oracleRollout(blueprint);
    const ask = trajectory.messages.findIndex((message) => message.role === 'assistant' && message.content?.includes('Do you confirm'));
    const messages: ChatMessage[] = [...trajectory.messages.slice(0, ask), { role: 'assistant', content: 'Which reason should I give for the cancellation?' }, { role: 'user', content: '###STOP###' }];
    expect(diagnose(blueprint, { messages, termination: { reason: 'user-stop' } }).attribution).toMatchObject({ party: 'human', rule: 'stopped-early' });
  });

  it('puts a value the human invented and the agent used on the simulated human', async () => {
    const blueprint = cancelBlueprint();
    const order = pendingOrder();
    const other = '#W0000001';
    const messages: ChatMessage[] = [
      { role: 'system', content: 'policy' },
      { role: 'user', content: `Hi. ${blueprint.instruction.replace(order.order_id, 'my order')} It is order ${other}.` },
      { role: 'assistant', content: null, tool_calls: [{ id: 'i', type: 'function', function: { name: 'find_user_id_by_email', arguments: JSON.stringify(blueprint.actions[0]?.arguments) } }] },
      { role: 'tool', tool_call_id: 'i', content: order.user_id },
      { role: 'assistant', content: null, tool_calls: [{ id: 'a', type: 'function', function: { name: 'cancel_pending_order', arguments: JSON.stringify({ order_id: other, reason: 'no longer needed' }) } }] },
      { role: 'tool', tool_call_id: 'a', content: 'Error: order not found' },
      { role: 'user', content: 'Thanks ###STOP###' },
    ];
    const diagnostics = diagnose({ ...blueprint, instruction: blueprint.instruction.replace(order.order_id, 'my order') }, { messages, termination: { reason: 'user-stop' } });
    expect(diagnostics.revealedFacts).toEqual([{ value: other.toLowerCase(), messageIndex: 1 }]);
    expect(diagnostics.attribution).toMatchObject({ party: 'human', rule: 'revealed-facts' });
  });

  it('puts a tool error on valid arguments that a replay does not reproduce on the environment', async () => {
    const blueprint = cancelBlueprint();
    const trajectory = await oracleRollout(blueprint);
    const messages = trajectory.messages.map((message) => (message.role === 'tool' && message.tool_call_id === 'oracle_2' ? { ...message, content: 'Error: service unavailable' } : message));
    // The grader rejects a transcript whose tool results a replay does not reproduce (invalid-transcript).
    const verdict = { ...trajectory.verdict, kept: false, reason: 'invalid-transcript' as const };
    const diagnostics = diagnoseTrajectory({ domain: retail as never, base: retailBase() as never, blueprint, trajectory: { ...trajectory, messages }, verdict });
    expect(diagnostics.steps[2]).toMatchObject({ name: 'cancel_pending_order', ok: true, transcriptAgrees: false });
    expect(diagnostics.attribution).toMatchObject({ party: 'environment', rule: 'tool-error-on-valid-arguments' });
  });

  it('puts a gold action that fails on a fresh state, or a gold run that proves nothing, on the blueprint', async () => {
    const order = pendingOrder();
    const broken = testBlueprint({ id: 'broken', actions: [{ name: 'cancel_pending_order', arguments: { order_id: '#W0000000', reason: 'no longer needed' } }] });
    const said: ChatMessage[] = [{ role: 'system', content: 'policy' }, { role: 'user', content: 'hi ###STOP###' }];
    const failing = diagnose(broken, { messages: said, termination: { reason: 'user-stop' } });
    expect(failing.attribution).toMatchObject({ party: 'blueprint', rule: 'gold-action-fails' });
    const lookOnly = testBlueprint({ id: 'look', actions: [{ name: 'get_order_details', arguments: { order_id: order.order_id } }], outputs: [] });
    expect(diagnose(lookOnly, { messages: said, termination: { reason: 'user-stop' } }).attribution).toMatchObject({ party: 'blueprint', rule: 'gold-unverifiable' });
  });
});
