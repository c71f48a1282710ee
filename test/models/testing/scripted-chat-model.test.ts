import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../../src/models/index.ts';
import { ScriptExhaustedError, ScriptedChatModel, UnconsumedStepsError, textReply, toolCallReply } from '../../../src/models/testing/index.ts';

const ask = (content: string): ChatRequest => ({ messages: [{ role: 'user', content }] });

describe('ScriptedChatModel', () => {
  it('plays one step per call and records every request', async () => {
    const model = new ScriptedChatModel([textReply('first'), textReply('second', { usage: { promptTokens: 3, completionTokens: 2, totalTokens: 5 } })]);
    const first = await model.complete(ask('a'));
    const second = await model.complete({ ...ask('b'), tools: [{ type: 'function', function: { name: 't', description: 'd', parameters: {} } }] });

    expect(first).toEqual({ message: { role: 'assistant', content: 'first' }, finishReason: 'stop', model: 'scripted' });
    expect(second.message.content).toBe('second');
    expect(second.usage).toEqual({ promptTokens: 3, completionTokens: 2, totalTokens: 5 });
    expect(model.calls).toEqual([{ messages: [{ role: 'user', content: 'a' }] }, { messages: [{ role: 'user', content: 'b' }], tools: [{ type: 'function', function: { name: 't', description: 'd', parameters: {} } }] }]);
    expect(model.remaining).toBe(0);
    expect(() => model.assertConsumed()).not.toThrow();
  });

  it('records a copy of the messages, not the caller’s array', async () => {
    const model = new ScriptedChatModel([textReply('ok')]);
    const request = ask('a');
    await model.complete(request);
    request.messages.push({ role: 'user', content: 'later' });
    expect(model.calls[0]!.messages).toHaveLength(1);
  });

  it('fails clearly on a call beyond the script', async () => {
    const model = new ScriptedChatModel([textReply('only')], { id: 'human' });
    await model.complete(ask('a'));
    const error = await model.complete(ask('b')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ScriptExhaustedError);
    expect(error).toMatchObject({ model: 'human', callNumber: 2, scriptLength: 1 });
    expect((error as Error).message).toBe('scripted model human got call 2 but its script has only 1 step');
    expect(model.calls).toHaveLength(2);
  });

  it('reports the unconsumed steps', async () => {
    const model = new ScriptedChatModel([
      textReply('hello'),
      toolCallReply([{ name: 'find_user_id_by_email', arguments: { email: 'a@b.c' } }, { name: 'get_order_details', arguments: { order_id: '#W1' } }]),
      new Error('boom'),
      function lookUp() {
        return textReply('x');
      },
    ]);
    await model.complete(ask('a'));
    let error: unknown;
    try {
      model.assertConsumed();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UnconsumedStepsError);
    expect((error as UnconsumedStepsError).unconsumed).toEqual([
      'step 2: tool calls find_user_id_by_email, get_order_details',
      'step 3: throws Error: boom',
      'step 4: function lookUp',
    ]);
    expect((error as Error).message).toContain('3 unconsumed steps');
  });

  it('throws an error step and runs function steps with the request and call index', async () => {
    const failure = new Error('model down');
    const seen: [string, number][] = [];
    const model = new ScriptedChatModel([
      failure,
      (request, callIndex) => {
        seen.push([request.messages[0]!.content as string, callIndex]);
        return textReply(`echo ${request.messages.length}`);
      },
      async () => toolCallReply([{ name: 'calculate', arguments: 'not json' }], { content: 'let me compute' }),
    ]);
    await expect(model.complete(ask('a'))).rejects.toBe(failure);
    expect((await model.complete(ask('b'))).message.content).toBe('echo 1');
    expect(seen).toEqual([['b', 1]]);
    const third = await model.complete(ask('c'));
    expect(third.message).toEqual({
      role: 'assistant',
      content: 'let me compute',
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'calculate', arguments: 'not json' } }],
    });
    expect(third.finishReason).toBe('tool_calls');
    model.assertConsumed();
  });

  it('numbers tool call ids call_1, call_2 within a reply unless given', () => {
    const reply = toolCallReply([{ name: 'a', arguments: {} }, { name: 'b', arguments: { x: 1 } }, { name: 'c', arguments: {}, id: 'mine' }]);
    expect(reply.message.tool_calls!.map((call) => [call.id, call.function.arguments])).toEqual([
      ['call_1', '{}'],
      ['call_2', '{"x":1}'],
      ['mine', '{}'],
    ]);
    expect(reply.message.content).toBeNull();
  });

  it('rejects with the abort reason when aborted, before or during a step', async () => {
    const before = new AbortController();
    before.abort();
    const model = new ScriptedChatModel([textReply('unused'), () => new Promise(() => undefined)]);
    await expect(model.complete({ ...ask('a'), signal: before.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(model.calls).toHaveLength(0);

    await model.complete(ask('a'));
    const during = new AbortController();
    const pending = model.complete({ ...ask('b'), signal: during.signal });
    during.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    model.assertConsumed();
  });

  it('returns copies, so a caller mutating a reply does not change the script', async () => {
    const reply = textReply('same');
    const model = new ScriptedChatModel([reply, reply]);
    const first = await model.complete(ask('a'));
    first.message.content = 'changed';
    expect((await model.complete(ask('b'))).message.content).toBe('same');
  });
});
