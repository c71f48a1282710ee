import { describe, expect, it } from 'vitest';
import { ScriptedChatModel, textReply, type ChatMessage, type ChatModel } from '../../src/models/index.ts';
import { AGENT_GREETING } from '../../src/rollout/human-prompt.ts';
import { createModelHuman, parseCandidateScore } from '../../src/rollout/model-human.ts';

const signal = new AbortController().signal;

describe('the model-backed human', () => {
  it('sees its instruction, the greeting and the role-flipped transcript; a hint goes into this turn\'s system prompt, never mid-conversation', async () => {
    const model = new ScriptedChatModel([textReply('I want to return a lamp.'), textReply('Sure.')]);
    const human = createModelHuman(model, { instruction: 'Return the lamp from order #W1.', persona: 'terse' });
    const transcript = [{ speaker: 'human' as const, text: 'Hi' }, { speaker: 'agent' as const, text: 'Which order?' }];
    await human.reply({ transcript, hint: 'Wait.', signal });
    const [request] = model.calls;
    expect(request?.messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(request?.messages[0]?.content).toContain('Instruction: Return the lamp from order #W1.');
    expect(request?.messages[0]?.content).toContain('Persona: terse');
    expect(request?.messages[0]?.content).toMatch(/\n\nWait\.$/);
    expect(request?.messages[1]).toEqual({ role: 'user', content: AGENT_GREETING });
    expect(request?.messages.slice(2)).toEqual([
      { role: 'assistant', content: 'Hi' },
      { role: 'user', content: 'Which order?' },
    ]);
    // The hint was for that turn only.
    await human.reply({ transcript, signal });
    expect(model.calls[1]?.messages[0]?.content).not.toContain('Wait.');
  });

  it('sends an earlier turn again as the same message object (the request hash and body work once per message), a changed one as a new object', async () => {
    // Records the very arrays it is sent (ScriptedChatModel keeps copies).
    const sent: ChatMessage[][] = [];
    const model: ChatModel = { id: 'm', complete: async ({ messages }) => (sent.push(messages), { message: { role: 'assistant', content: 'ok' }, model: 'm' }) };
    const human = createModelHuman(model, { instruction: 'Return the lamp.' });
    const first = [{ speaker: 'human' as const, text: 'Hi' }, { speaker: 'agent' as const, text: 'Which order?' }];
    await human.reply({ transcript: first, signal });
    await human.reply({ transcript: [...first, { speaker: 'human', text: '#W1' }, { speaker: 'agent', text: 'Done.' }], hint: 'Wait.', signal });
    await human.reply({ transcript: [first[0] as { speaker: 'human'; text: string }, { speaker: 'agent', text: 'Which order, please?' }], signal });
    const [one, two, three] = sent;
    // The system prompt with this turn's hint is a message of its own; the turns before are the same objects.
    expect(two?.[0]).not.toBe(one?.[0]);
    expect(two?.slice(1, 4)).toEqual(one?.slice(1, 4));
    two?.slice(1, 4).forEach((message, index) => expect(message).toBe(one?.[index + 1]));
    expect(three?.[0]).toEqual(one?.[0]);
    expect(three?.[2]).toBe(two?.[2]);
    expect(three?.[3]).not.toBe(two?.[3]);
    expect(three?.[3]).toEqual({ role: 'user', content: 'Which order, please?' });
  });

  it('builds its system prompt once per instruction and persona (shared by every human of a blueprint), never handing one human another\'s', async () => {
    const model = new ScriptedChatModel(['a', 'b', 'c', 'd'].map((text) => textReply(text)));
    const instruction = 'Cancel reservation ABC123.';
    await createModelHuman(model, { instruction }).reply({ transcript: [], signal });
    await createModelHuman(model, { instruction }).reply({ transcript: [{ speaker: 'human', text: 'a' }], signal });
    await createModelHuman(model, { instruction, persona: 'polite' }).reply({ transcript: [], signal });
    await createModelHuman(model, { instruction: 'Cancel reservation XYZ789.' }).reply({ transcript: [], signal });
    const prompts = model.calls.map((request) => request.messages[0]?.content);
    expect(prompts[1]).toBe(prompts[0]);
    expect(prompts[0]).toContain('Instruction: Cancel reservation ABC123.');
    expect(prompts[2]).toContain('Persona: polite');
    expect(prompts[0]).not.toContain('Persona');
    expect(prompts[3]).toContain('Instruction: Cancel reservation XYZ789.');
    expect(prompts[3]).not.toContain('ABC123');
  });

  it('keeps its model\'s reasoning beside its words: only the content is what it says', async () => {
    const model = new ScriptedChatModel([{ message: { role: 'assistant', content: 'Yes, go ahead.', reasoning: 'The agent wants consent. ###STOP### maybe?' } }]);
    const reply = await createModelHuman(model, { instruction: 'x' }).reply({ transcript: [], signal });
    expect(reply).toMatchObject({ text: 'Yes, go ahead.', reasoning: 'The agent wants consent. ###STOP### maybe?' });
  });

  it('Best-of-N: draws N candidates, keeps the best judged one, and records every score', async () => {
    const model = new ScriptedChatModel(['A', 'B', 'C', 'D'].map((text) => textReply(text, { usage: { promptTokens: 10, completionTokens: 1, totalTokens: 11 } })));
    const judge = new ScriptedChatModel([textReply('Score: 3'), textReply('score=9'), textReply('I cannot rate this'), textReply('Score: 9')]);
    const reply = await createModelHuman(model, { instruction: 'x', bestOf: { n: 4, judge } }).reply({ transcript: [], signal });
    expect(reply.text).toBe('B');
    expect(reply.scores).toEqual({ candidates: [{ text: 'A', score: 3 }, { text: 'B', score: 9 }, { text: 'C', score: null }, { text: 'D', score: 9 }], chosen: 1 });
    expect(reply).toMatchObject({ calls: 4, judgeCalls: 4, usage: { totalTokens: 44 } });
    expect(judge.calls[1]?.messages[0]?.content).toContain('Candidate next customer message: B');
    model.assertConsumed();
    judge.assertConsumed();
  });

  it('refuses an empty reply', async () => {
    await expect(createModelHuman(new ScriptedChatModel([textReply('  ')]), { instruction: 'x' }).reply({ transcript: [], signal })).rejects.toThrow(/sent an empty reply/);
  });

  it('reads judge scores from 0 to 10', () => {
    expect(parseCandidateScore('Score: 10')).toBe(10);
    expect(parseCandidateScore('score 0 — breaks rules')).toBe(0);
    expect(parseCandidateScore('eleven')).toBeNull();
    expect(parseCandidateScore(null)).toBeNull();
  });
});
