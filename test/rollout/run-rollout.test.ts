import { describe, expect, it } from 'vitest';
import { retail } from '../../domains/retail/index.ts';
import { ModelUnavailableError, ScriptedChatModel, textReply, toolCallReply } from '../../src/models/index.ts';
import { FailedJobError } from '../../src/rollout/failed-job.ts';
import { createModelHuman } from '../../src/rollout/model-human.ts';
import { OracleAgent, ScriptedHuman, createFallibleAgent } from '../../src/rollout/offline/index.ts';
import { PROTOCOL_NOTE_EMPTY, PROTOCOL_NOTE_TEXT_WITH_TOOLS } from '../../src/rollout/rollout-machine.ts';
import { trajectorySchema } from '../../src/rollout/trajectory.ts';
import { cancelBlueprint, pendingOrder, testBlueprint } from '../support/default-retail.ts';
import { oracleFor, rollout, scriptedHuman } from './support/rollout-harness.ts';

describe('runRollout with the offline policies', () => {
  it('keeps an oracle rollout: user stop, matching state, outputs said', async () => {
    const { run, events } = rollout({ agent: oracleFor() });
    const trajectory = await run;
    expect(trajectorySchema.parse(trajectory)).toEqual(trajectory);
    expect(trajectory.termination.reason).toBe('user-stop');
    expect(trajectory.verdict).toMatchObject({ kept: true, reason: 'accepted', state: { match: true, goldChangesState: true }, outputs: { missing: [] }, actionMatch: { goldWrites: 1, matched: 1, agentWrites: 1 } });
    expect(trajectory.id).toBe('cancel-pending#0');
    expect(trajectory.models).toEqual({ human: 'offline:scripted-human', agent: 'offline:oracle-agent' });
    const roles = trajectory.messages.map((message) => message.role);
    // Identify the user, read the order, ask to confirm; on the user's yes, cancel and report.
    expect(roles).toEqual(['system', 'user', 'assistant', 'tool', 'assistant', 'tool', 'assistant', 'user', 'assistant', 'tool', 'assistant', 'user']);
    expect(trajectory.messages[0]).toEqual({ role: 'system', content: retail.policy });
    expect(trajectory.messages.at(-1)).toMatchObject({ role: 'user', content: expect.stringContaining('###STOP###') });
    expect(trajectory.stats).toEqual({ turns: 8, toolCalls: 3, toolErrors: 0, protocolErrors: 0, waitNudges: 0 });
    expect(trajectory.timings).toEqual({ startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:01.000Z', durationMs: 1000 });
    // Every message was announced in order, then the ending and the verdict.
    expect(events.filter((event) => event.type === 'message').map((event) => (event.type === 'message' ? event.index : -1))).toEqual(roles.map((_, index) => index).slice(1));
    expect(events.at(-2)).toEqual({ type: 'termination', termination: { reason: 'user-stop', detail: 'the user ended the conversation' } });
    expect(events.at(-1)).toEqual({ type: 'verdict', verdict: trajectory.verdict });
  });

  it('tells every turn in order: its start, its messages, calls and results, its end', async () => {
    const { run, events } = rollout({ agent: oracleFor() });
    const trajectory = await run;
    const shape = events.map((event) => {
      if (event.type === 'turn-start' || event.type === 'turn-end') return `${event.type} ${event.role} ${event.turn}`;
      if (event.type === 'message') return `message ${event.index} ${event.message.role}`;
      if (event.type === 'tool-call') return `tool-call ${event.call.function.name}`;
      if (event.type === 'tool-result') return `tool-result ${event.name} ${event.ok}`;
      return event.type;
    });
    const agentTurn = (turn: number, index: number, call: string) => [`turn-start agent ${turn}`, `message ${index} assistant`, `tool-call ${call}`, `turn-end agent ${turn}`, `turn-start tools ${turn + 1}`, `message ${index + 1} tool`, `tool-result ${call} true`, `turn-end tools ${turn + 1}`];
    expect(shape).toEqual([
      'turn-start human 0', 'message 1 user', 'turn-end human 0',
      ...agentTurn(1, 2, 'find_user_id_by_email'),
      ...agentTurn(2, 4, 'get_order_details'),
      'turn-start agent 3', 'message 6 assistant', 'turn-end agent 3',
      'turn-start human 4', 'message 7 user', 'turn-end human 4',
      ...agentTurn(5, 8, 'cancel_pending_order'),
      'turn-start agent 6', 'message 10 assistant', 'turn-end agent 6',
      'turn-start human 7', 'message 11 user', 'turn-end human 7',
      'termination', 'verdict',
    ]);
    expect(trajectory.stats.turns).toBe(8);
  });

  it('is deterministic: the same seed gives the same trajectory', async () => {
    const first = await rollout({ agent: oracleFor() }).run;
    const second = await rollout({ agent: oracleFor() }).run;
    expect(second).toEqual(first);
  });

  it('rejects the fallible agent whenever it makes its mistake, with the reason', async () => {
    const blueprint = cancelBlueprint();
    const seen = new Map<string, string>();
    for (let seed = 0; seed < 24; seed++) {
      const { agent, plan } = createFallibleAgent(oracleFor(blueprint), seed);
      const trajectory = await rollout({ agent, blueprint }).run;
      seen.set(plan.mistake, trajectory.verdict.reason);
      expect(trajectory.verdict.kept, `seed ${seed}: ${plan.mistake}`).toBe(plan.mistake === 'none');
    }
    expect(Object.fromEntries(seen)).toEqual({ none: 'accepted', 'wrong-argument': 'state-mismatch', 'skipped-step': 'state-mismatch', 'premature-stop': 'state-mismatch' });
  });

  it('holds back a STOP said while agreeing to a write, once, and tells the human to wait', async () => {
    const blueprint = cancelBlueprint();
    const { run, events } = rollout({ agent: oracleFor(blueprint), human: scriptedHuman(blueprint.instruction, 1, true), blueprint });
    const trajectory = await run;
    expect(trajectory.stats.waitNudges).toBe(1);
    expect(trajectory.verdict.kept).toBe(true);
    const nudge = trajectory.interventions?.[0];
    expect(nudge).toMatchObject({ kind: 'wait-nudge', original: expect.stringContaining('###STOP###') });
    const held = trajectory.messages[nudge?.messageIndex ?? -1];
    expect(held).toMatchObject({ role: 'user' });
    expect(held?.content).not.toContain('###STOP###');
    expect(trajectory.messages[(nudge?.messageIndex ?? 0) + 1]).toMatchObject({ role: 'assistant', tool_calls: [{ function: { name: 'cancel_pending_order' } }] });
    expect(events).toContainEqual({ type: 'wait-nudge', messageIndex: nudge?.messageIndex });
  });

  it('without the guard the same human would have ended before the write (the failure it prevents)', async () => {
    const blueprint = cancelBlueprint();
    const oracle = new OracleAgent(oracleFor(blueprint));
    const confirmation = oracle.confirmation(blueprint.actions.find((action) => action.name === 'cancel_pending_order')!);
    const human = new ScriptedHuman({ instruction: blueprint.instruction, seed: 1, stopsWhileAgreeing: true });
    const reply = await human.complete({ messages: [{ role: 'system', content: 'x' }, { role: 'user', content: 'Hi' }, { role: 'assistant', content: 'I want to cancel.' }, { role: 'user', content: confirmation }] });
    expect(reply.message.content).toMatch(/^Yes.*###STOP###$/);
  });
});

describe('runRollout: the agent protocol', () => {
  const order = () => pendingOrder();

  it('executes several tool calls of one message in order, each answered by its own tool message', async () => {
    const id = order().order_id;
    const agent = new ScriptedChatModel([
      toolCallReply([
        { name: 'get_order_details', arguments: { order_id: id } },
        { name: 'get_order_details', arguments: { order_id: '#W0000000' } },
      ]),
      textReply('Your order is pending. Anything else?'),
    ]);
    const trajectory = await rollout({ agent }).run;
    agent.assertConsumed();
    expect(trajectory.messages.slice(2, 5)).toEqual([
      { role: 'assistant', content: null, tool_calls: [expect.objectContaining({ id: 'call_1' }), expect.objectContaining({ id: 'call_2' })] },
      { role: 'tool', tool_call_id: 'call_1', content: expect.stringContaining(id) },
      { role: 'tool', tool_call_id: 'call_2', content: 'Error: order not found' },
    ]);
    expect(trajectory.stats).toMatchObject({ toolCalls: 2, toolErrors: 1, protocolErrors: 0 });
    expect(trajectory.termination.reason).toBe('user-stop');
    expect(trajectory.verdict).toMatchObject({ kept: false, reason: 'state-mismatch' });
  });

  it('turns protocol mistakes into results the agent sees, counted, never a crash', async () => {
    const agent = new ScriptedChatModel([
      textReply(''),
      toolCallReply([{ name: 'launch_rocket', arguments: {} }]),
      toolCallReply([{ name: 'get_order_details', arguments: '{"order_id": ' }]),
      toolCallReply([{ name: 'get_order_details', arguments: { order_id: 42 } }], { content: 'Let me check.' }),
      textReply('Done. Anything else?'),
    ]);
    const trajectory = await rollout({ agent }).run;
    agent.assertConsumed();
    const contents = trajectory.messages.map((message) => message.content);
    expect(contents).toContain(PROTOCOL_NOTE_EMPTY);
    expect(contents).toContain('Unknown action launch_rocket');
    expect(contents.some((content) => content?.startsWith('Error: the arguments of get_order_details are not valid JSON'))).toBe(true);
    expect(contents.some((content) => content?.startsWith('Error: invalid arguments for get_order_details: argument "order_id"'))).toBe(true);
    expect(contents).toContain(PROTOCOL_NOTE_TEXT_WITH_TOOLS);
    expect(trajectory.stats).toMatchObject({ toolCalls: 3, toolErrors: 3, protocolErrors: 3 });
    expect(trajectory.termination.reason).toBe('user-stop');
  });

  it('ends with too-many-errors, max-turns and transfer when those limits or tools say so', async () => {
    const failing = new ScriptedChatModel(Array.from({ length: 3 }, (_, index) => toolCallReply([{ name: 'nope', arguments: { attempt: index } }])));
    expect((await rollout({ agent: failing, limits: { maxErrors: 3 } }).run).termination).toEqual({ reason: 'too-many-errors', detail: '3 tool errors and 0 protocol errors (limit 3)' });
    const chatty = new ScriptedChatModel(Array.from({ length: 2 }, () => textReply('Could you tell me more?')));
    expect((await rollout({ agent: chatty, limits: { maxMessages: 4 } }).run).termination.reason).toBe('max-turns');
    const transfer = new ScriptedChatModel([toolCallReply([{ name: 'transfer_to_human_agents', arguments: { summary: 'user wants a human' } }])]);
    const transferred = await rollout({ agent: transfer }).run;
    expect(transferred.termination).toEqual({ reason: 'transfer', detail: 'the agent called transfer_to_human_agents' });
    expect(transferred.verdict).toMatchObject({ kept: false, reason: 'unexpected-transfer' });
  });

  it('records a bad reply as agent-error (a verdict), and makes an outage a failed job naming the role and model', async () => {
    const broken = new ScriptedChatModel([new Error('context length exceeded')]);
    expect((await rollout({ agent: broken }).run).termination).toEqual({ reason: 'agent-error', detail: 'context length exceeded' });
    const down = new ScriptedChatModel([new ModelUnavailableError('m', 'server-error', 503, 3, 'overloaded')]);
    const failed = await rollout({ agent: down }).run.catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(FailedJobError);
    expect((failed as FailedJobError).failedJob).toMatchObject({ termination: { reason: 'infrastructure-error', detail: expect.stringContaining('overloaded') }, role: 'agent', model: 'm' });
  });

  it('ends on the human stop tokens for transfer and out of scope', async () => {
    for (const [token, reason] of [['###TRANSFER###', 'transfer'], ['###OUT-OF-SCOPE###', 'out-of-scope']] as const) {
      const human = createModelHuman(new ScriptedChatModel([textReply(`I need something else. ${token}`)]), { instruction: 'x' });
      const trajectory = await rollout({ agent: new ScriptedChatModel([]), human }).run;
      expect(trajectory.termination.reason).toBe(reason);
      expect(trajectory.messages).toHaveLength(2);
    }
  });

  it('stops when its signal aborts, cancelling the call in flight', async () => {
    const controller = new AbortController();
    let seenSignal: AbortSignal | undefined;
    const agent = new ScriptedChatModel([
      (request) => {
        seenSignal = request.signal;
        controller.abort();
        return new Promise(() => {});
      },
    ]);
    const failed = await rollout({ agent, signal: controller.signal }).run.catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(FailedJobError);
    expect((failed as FailedJobError).failedJob.termination.reason).toBe('aborted');
    expect(seenSignal?.aborted).toBe(true);
  });

  it('tells the human nothing of tools: its model sees only the policy-free conversation', async () => {
    const humanModel = new ScriptedChatModel([textReply('Hi, what is the status of my order?'), textReply('Thanks! ###STOP###')]);
    const agent = new ScriptedChatModel([toolCallReply([{ name: 'get_order_details', arguments: { order_id: order().order_id } }]), textReply('It is pending.')]);
    await rollout({ agent, human: createModelHuman(humanModel, { instruction: 'Ask about your order.' }) }).run;
    const secondCall = humanModel.calls[1]?.messages ?? [];
    expect(secondCall.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(secondCall.at(-1)).toEqual({ role: 'user', content: 'It is pending.' });
    expect(humanModel.calls.every((call) => call.tools === undefined)).toBe(true);
    expect(JSON.stringify(secondCall)).not.toContain('get_order_details');
  });
});

describe('testBlueprint', () => {
  it('builds blueprints over the default data', () => {
    expect(testBlueprint({ actions: [] }).userId).toBe(pendingOrder().user_id);
  });
});
