import { describe, expect, it } from 'vitest';
import { retail } from '../../domains/retail/index.ts';
import { ModelRequestError, ModelUnavailableError, ScriptedChatModel, textReply, toolCallReply, type ChatMessage, type ScriptedReply } from '../../src/models/index.ts';
import { gradeTrajectory } from '../../src/rollout/acceptance.ts';
import type { FailedJobError } from '../../src/rollout/failed-job.ts';
import { createModelHuman } from '../../src/rollout/model-human.ts';
import { agrees, asksForConfirmation } from '../../src/rollout/pending-write.ts';
import { isProtocolNote, PROTOCOL_NOTE_EMPTY, PROTOCOL_NOTE_TEXT_TOOL_CALL, PROTOCOL_NOTE_TEXT_WITH_TOOLS } from '../../src/rollout/protocol-notes.ts';
import { WAIT_FOR_AGENT_HINT } from '../../src/rollout/human-prompt.ts';
import { cancelBlueprint, identifyByEmail, pendingOrder, retailBase, testBlueprint } from '../support/default-retail.ts';
import { rollout } from './support/rollout-harness.ts';

/** A human played by a script of replies (the model-backed human over a scripted model). */
const humanSaying = (...replies: (string | ScriptedReply)[]) => {
  const model = new ScriptedChatModel(replies.map((reply) => (typeof reply === 'string' ? textReply(reply) : reply)));
  return { model, human: createModelHuman(model, { instruction: cancelBlueprint().instruction }) };
};

const order = () => pendingOrder();
const readOrder = (id = order().order_id) => ({ name: 'get_order_details', arguments: { order_id: id } });
const cancelOrder = () => ({ name: 'cancel_pending_order', arguments: { order_id: order().order_id, reason: 'no longer needed' } });

/** No two user-role messages in a row: what strict chat templates (Gemma, Mistral) insist on. */
const alternates = (messages: readonly ChatMessage[]) => messages.every((message, index) => index === 0 || message.role !== 'user' || messages[index - 1]?.role !== 'user');

describe('loop and budget guards', () => {
  it('ends as repeated-call after the same tool call with the same arguments three times in a row, every call answered', async () => {
    const { human, model } = humanSaying('Where is my order?');
    const agent = new ScriptedChatModel([toolCallReply([readOrder()]), toolCallReply([readOrder()]), toolCallReply([readOrder()])]);
    const trajectory = await rollout({ agent, human }).run;
    agent.assertConsumed();
    model.assertConsumed();
    expect(trajectory.termination).toEqual({ reason: 'repeated-call', detail: 'the agent called get_order_details with the same arguments 3 times in a row (limit 3)' });
    expect(trajectory.messages.filter((message) => message.role === 'tool')).toHaveLength(3);
    expect(trajectory.verdict.kept).toBe(false);
  });

  it('honours --max-repeated-calls, and a human message between calls breaks the row', async () => {
    const { human } = humanSaying('Where is my order?', 'Please look again.', 'Thanks. ###STOP###');
    const agent = new ScriptedChatModel([toolCallReply([readOrder()]), toolCallReply([readOrder()]), textReply('It is pending.'), toolCallReply([readOrder()]), textReply('Still pending.')]);
    const trajectory = await rollout({ agent, human, limits: { maxRepeatedCalls: 3 } }).run;
    expect(trajectory.termination.reason).toBe('user-stop');
    const twice = new ScriptedChatModel([toolCallReply([readOrder()]), toolCallReply([readOrder()])]);
    expect((await rollout({ agent: twice, human: humanSaying('Where is my order?').human, limits: { maxRepeatedCalls: 2 } }).run).termination.reason).toBe('repeated-call');
  });

  it('ends as agent-stop when the agent writes a stop token: only the user may end the conversation that way', async () => {
    const { human, model } = humanSaying('Hi, I need help with an order.');
    const agent = new ScriptedChatModel([textReply('Everything is done. ###STOP###')]);
    const trajectory = await rollout({ agent, human }).run;
    model.assertConsumed();
    expect(trajectory.termination).toEqual({ reason: 'agent-stop', detail: 'the agent wrote a stop token (###STOP###); only the user may end the conversation' });
    expect(trajectory.verdict).toMatchObject({ kept: false });
  });

  it('ends as token-budget once every role together spent --max-rollout-tokens', async () => {
    const usage = { promptTokens: 550, completionTokens: 50, totalTokens: 600 };
    const { human, model } = humanSaying('Where is my order?', 'It is #W1.');
    const agent = new ScriptedChatModel([textReply('Which order?', { usage }), textReply('Let me see.', { usage })]);
    const trajectory = await rollout({ agent, human, limits: { maxTokens: 1000 } }).run;
    agent.assertConsumed();
    model.assertConsumed();
    expect(trajectory.termination).toEqual({ reason: 'token-budget', detail: 'spent 1200 tokens (budget 1000)' });
  });
});

describe('failed jobs', () => {
  it('makes a judge that cannot answer a failed job of the judge role, and a 401 from the agent an endpoint rejection', async () => {
    // The gold run changes nothing and expects no outputs: only the judge can decide, and it is down.
    const blueprint = testBlueprint({ id: 'look-only', actions: [identifyByEmail()] });
    const judge = () => Promise.reject(new ModelUnavailableError('judge-model', 'timeout', undefined, 3, 'timed out'));
    const agent = new ScriptedChatModel([textReply('Hello! Anything else?')]);
    const failed = await rollout({ agent, blueprint, human: humanSaying('Hi there.', 'No, thanks. ###STOP###').human, judge }).run.catch((error: unknown) => error);
    expect((failed as FailedJobError).failedJob).toMatchObject({ termination: { reason: 'infrastructure-error' }, role: 'judge', model: 'judge-model' });
    const refused = new ScriptedChatModel([new ModelRequestError('agent-model', 401, 'invalid api key')]);
    const rejected = await rollout({ agent: refused, human: humanSaying('Hi there.').human }).run.catch((error: unknown) => error);
    expect((rejected as FailedJobError).failedJob).toMatchObject({ termination: { reason: 'endpoint-rejected', detail: 'model agent-model rejected the request (401): invalid api key' }, role: 'agent', model: 'agent-model' });
    // A 400 is the agent's request going wrong, not the world: still a verdict.
    const bad = new ScriptedChatModel([new ModelRequestError('agent-model', 400, 'context length exceeded')]);
    expect((await rollout({ agent: bad, human: humanSaying('Hi there.').human }).run).termination.reason).toBe('agent-error');
  });
});

describe('protocol notes', () => {
  it('go to the agent as user-role text marked as notes, joined to the human turn before them so user and assistant alternate', async () => {
    const { human, model } = humanSaying('Where is my order?', 'No, thanks. ###STOP###');
    const agent = new ScriptedChatModel([textReply(''), textReply('It is pending. Anything else?')]);
    const trajectory = await rollout({ agent, human }).run;
    const note = trajectory.messages[2];
    expect(note).toEqual({ role: 'user', content: PROTOCOL_NOTE_EMPTY, note: 'protocol' });
    // Stored apart (an export drops the note); sent joined: no two user messages in a row, no mid-conversation system message.
    const retry = agent.calls[1]?.messages ?? [];
    expect(retry.map((message) => message.role)).toEqual(['system', 'user']);
    expect(retry[1]?.content).toBe(`Where is my order?\n\n${PROTOCOL_NOTE_EMPTY}`);
    expect(agent.calls.every((call) => alternates(call.messages) && call.messages.slice(1).every((message) => message.role !== 'system'))).toBe(true);
    // The human never sees a note.
    expect(JSON.stringify(model.calls)).not.toContain('Protocol error');
    expect(trajectory.stats.protocolErrors).toBe(1);
  });

  it('after tool results (text beside tool calls), go to the agent joined to the last result: a strict template skips tool turns, so a user note there would be a second user turn', async () => {
    const { human } = humanSaying('Where is my order?', 'No, thanks. ###STOP###');
    const agent = new ScriptedChatModel([toolCallReply([readOrder()], { content: 'Let me check.' }), textReply('It is pending. Anything else?')]);
    const trajectory = await rollout({ agent, human }).run;
    expect(trajectory.messages.slice(3, 5).map((message) => [message.role, 'note' in message ? message.note : undefined])).toEqual([
      ['tool', undefined],
      ['user', 'protocol'],
    ]);
    const next = agent.calls[1]?.messages ?? [];
    expect(next.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'tool']);
    expect(next[3]?.content?.endsWith(`\n\n${PROTOCOL_NOTE_TEXT_WITH_TOOLS}`)).toBe(true);
    expect(trajectory.termination.reason).toBe('user-stop');
  });

  it('are system messages with --protocol-notes system', async () => {
    const { human } = humanSaying('Where is my order?', 'No, thanks. ###STOP###');
    const agent = new ScriptedChatModel([textReply(''), textReply('It is pending. Anything else?')]);
    const trajectory = await rollout({ agent, human, protocolNotes: 'system' }).run;
    expect(trajectory.messages[2]).toEqual({ role: 'system', content: PROTOCOL_NOTE_EMPTY, note: 'protocol' });
    expect(agent.calls[1]?.messages.map((message) => message.role)).toEqual(['system', 'user', 'system']);
  });

  it('tell the agent that a tool call written as text (not parsed by the adapter) was not run, counted, never shown to the human', async () => {
    const { human, model } = humanSaying('Where is my order?', 'No, thanks. ###STOP###');
    const written = `[TOOL_CALLS] [{"name": "get_order_details", "arguments": {"order_id": "${order().order_id}"}}]`;
    const agent = new ScriptedChatModel([textReply(written), textReply('It is pending. Anything else?')]);
    const trajectory = await rollout({ agent, human }).run;
    agent.assertConsumed();
    expect(trajectory.messages.slice(2, 4)).toEqual([
      { role: 'assistant', content: written },
      { role: 'user', content: PROTOCOL_NOTE_TEXT_TOOL_CALL, note: 'protocol' },
    ]);
    expect(trajectory.stats).toMatchObject({ protocolErrors: 1, toolCalls: 0 });
    expect(JSON.stringify(model.calls)).not.toContain('TOOL_CALLS');
    expect(model.calls[1]?.messages.at(-1)).toEqual({ role: 'user', content: 'It is pending. Anything else?' });
    expect(agent.calls[1]?.messages.slice(1).map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(trajectory.messages.filter((message, index) => isProtocolNote(message, index))).toHaveLength(1);
  });
});

describe('reasoning and tool-call ids', () => {
  it("keeps the agent's reasoning, never shows it to the human, never counts it as text beside tool calls, never reads a STOP in it", async () => {
    const { human, model } = humanSaying('Where is my order?', 'No, thanks. ###STOP###');
    const agent = new ScriptedChatModel([
      { message: { role: 'assistant', content: null, reasoning: 'Look the order up first. ###STOP###', tool_calls: toolCallReply([readOrder()]).message.tool_calls ?? [] } },
      { message: { role: 'assistant', content: 'It is pending. Anything else?', reasoning: 'secret plan' } },
    ]);
    const trajectory = await rollout({ agent, human }).run;
    expect(trajectory.stats).toMatchObject({ protocolErrors: 0, toolCalls: 1 });
    expect(trajectory.messages[2]).toMatchObject({ role: 'assistant', reasoning: 'Look the order up first. ###STOP###' });
    expect(trajectory.messages[4]).toEqual({ role: 'assistant', content: 'It is pending. Anything else?', reasoning: 'secret plan' });
    expect(JSON.stringify(model.calls)).not.toMatch(/secret plan|Look the order up/);
    expect(trajectory.termination.reason).toBe('user-stop');
  });

  it("keeps the human's reasoning with its message; only its words are read for a stop", async () => {
    const { human } = humanSaying({ message: { role: 'assistant', content: 'Where is my order?', reasoning: 'Maybe I should just say ###STOP###' } }, 'No, thanks. ###STOP###');
    const agent = new ScriptedChatModel([textReply('It is pending. Anything else?')]);
    const trajectory = await rollout({ agent, human }).run;
    expect(trajectory.messages[1]).toEqual({ role: 'user', content: 'Where is my order?', reasoning: 'Maybe I should just say ###STOP###' });
    expect(trajectory.messages).toHaveLength(4);
    expect(trajectory.termination.reason).toBe('user-stop');
  });

  it('makes tool-call ids unique within the trajectory: a repeated or missing id is replaced, and the result answers the new one', async () => {
    const { human } = humanSaying('Where is my order?', 'No, thanks. ###STOP###');
    const user = order().user_id;
    const agent = new ScriptedChatModel([
      toolCallReply([readOrder()]),
      toolCallReply([{ name: 'get_user_details', arguments: { user_id: user }, id: 'call_1' }, { name: 'get_order_details', arguments: { order_id: '#W0000000' }, id: '' }]),
      textReply('It is pending. Anything else?'),
    ]);
    const trajectory = await rollout({ agent, human }).run;
    const calls = trajectory.messages.flatMap((message) => (message.role === 'assistant' ? (message.tool_calls ?? []).map((call) => call.id) : []));
    expect(calls).toEqual(['call_1', 'call_4_1', 'call_4_2']);
    expect(trajectory.messages.flatMap((message) => (message.role === 'tool' ? [message.tool_call_id] : []))).toEqual(calls);
    expect(agent.calls[2]?.messages.filter((message) => message.role === 'tool').map((message) => (message.role === 'tool' ? message.tool_call_id : ''))).toEqual(calls);
  });
});

describe('the STOP guard reads the pending write from the state', () => {
  const askToSubmit = 'I found your pending order. Ready for me to submit these changes?';

  it('holds back "Yes, please go ahead. ###STOP###" after "Ready for me to submit these changes?": the write has not run', async () => {
    const { human, model } = humanSaying('I want to cancel my pending order.', 'Yes, please go ahead. ###STOP###', 'Great, thanks. ###STOP###');
    const agent = new ScriptedChatModel([toolCallReply([readOrder()]), textReply(askToSubmit), toolCallReply([cancelOrder()]), textReply('Your order is cancelled. Anything else?')]);
    const { run, events } = rollout({ agent, human });
    const trajectory = await run;
    agent.assertConsumed();
    model.assertConsumed();
    expect(trajectory.stats.waitNudges).toBe(1);
    const held = trajectory.interventions?.[0];
    expect(held).toEqual({ kind: 'wait-nudge', messageIndex: 5, original: 'Yes, please go ahead. ###STOP###' });
    expect(trajectory.messages[5]).toEqual({ role: 'user', content: 'Yes, please go ahead.' });
    expect(trajectory.messages[6]).toMatchObject({ role: 'assistant', tool_calls: [{ function: { name: 'cancel_pending_order' } }] });
    expect(events).toContainEqual({ type: 'wait-nudge', messageIndex: 5 });
    // The wait hint goes to the human on its next turn only, in that turn's system prompt, never stored.
    expect(model.calls[2]?.messages[0]?.content).toContain(WAIT_FOR_AGENT_HINT);
    expect(trajectory.messages.some((message) => message.content?.includes(WAIT_FOR_AGENT_HINT))).toBe(false);
    expect(trajectory.termination.reason).toBe('user-stop');
    expect(trajectory.verdict.state.match).toBe(true);
  });

  it('shows the failure it prevents: without the hold, that STOP ends the conversation before the write and the state never matches', async () => {
    const agent = new ScriptedChatModel([toolCallReply([readOrder()]), textReply(askToSubmit), toolCallReply([cancelOrder()]), textReply('Your order is cancelled. Anything else?')]);
    const trajectory = await rollout({ agent, human: humanSaying('I want to cancel my pending order.', 'Yes, please go ahead. ###STOP###', 'Great, thanks. ###STOP###').human }).run;
    const held = trajectory.interventions?.[0];
    const unguarded = [...trajectory.messages.slice(0, held?.messageIndex), { role: 'user' as const, content: held?.original ?? '' }];
    const verdict = gradeTrajectory({ domain: retail as never, base: retailBase() as never, blueprint: cancelBlueprint(), messages: unguarded, termination: 'user-stop' });
    expect(verdict).toMatchObject({ kept: false, reason: 'state-mismatch', actionMatch: { matched: 0 } });
  });

  it('lets a refusal through: "No, that is not correct. ###STOP###" ends the conversation at once', async () => {
    const { human, model } = humanSaying('I want to cancel my pending order.', 'No, that is not correct. ###STOP###');
    const agent = new ScriptedChatModel([textReply(`Shall I cancel order ${order().order_id}? Please confirm (yes/no).`)]);
    const trajectory = await rollout({ agent, human }).run;
    model.assertConsumed();
    expect(trajectory.stats.waitNudges).toBe(0);
    expect(trajectory.interventions).toBeUndefined();
    expect(trajectory.messages.at(-1)).toEqual({ role: 'user', content: 'No, that is not correct. ###STOP###' });
    expect(trajectory.termination.reason).toBe('user-stop');
  });

  it('lets a goodbye after the write through, even when the wrap-up asks a question the words alone would take for a confirmation', async () => {
    const wrapUp = 'Your order is cancelled. Would you like me to help with anything else?';
    const goodbye = 'Okay, that is all, thanks. ###STOP###';
    // The old word rule held this back: a confirmation-like question, an agreeing reply.
    expect(asksForConfirmation(wrapUp) && agrees(goodbye)).toBe(true);
    const { human, model } = humanSaying('Please cancel my pending order, I no longer need it.', goodbye);
    const agent = new ScriptedChatModel([toolCallReply([cancelOrder()]), textReply(wrapUp)]);
    const trajectory = await rollout({ agent, human }).run;
    model.assertConsumed();
    expect(trajectory.stats.waitNudges).toBe(0);
    expect(trajectory.messages.at(-1)).toEqual({ role: 'user', content: goodbye });
    expect(trajectory.termination.reason).toBe('user-stop');
  });
});
