import { describe, expect, it } from 'vitest';
import { parseChatCompletion, type ReplyReading } from '../../src/models/chat-completion-wire.ts';

const reply = (message: Record<string, unknown>, reading: ReplyReading = {}) => {
  const parsed = parseChatCompletion({ choices: [{ message: { role: 'assistant', ...message }, finish_reason: 'stop' }] }, 'm', reading);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.response.message;
};

describe('reading a reply: reasoning first, then text tool calls', () => {
  it('parses <tool_call> blocks left once the thinking is out', () => {
    const content = '<think>I need the order first.</think>\n\n<tool_call>\n{"name": "get_order_details", "arguments": {"order_id": "#W1"}}\n</tool_call>\n';
    expect(reply({ content })).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'text_call_1', type: 'function', function: { name: 'get_order_details', arguments: '{"order_id":"#W1"}' } }],
      toolCallsFromText: true,
      reasoning: 'I need the order first.',
    });
  });

  it('leaves a malformed block, and any block with textToolCalls off, as text', () => {
    expect(reply({ content: '<tool_call>{"name": "x", "arguments": {</tool_call>' })).toEqual({ role: 'assistant', content: '<tool_call>{"name": "x", "arguments": {</tool_call>' });
    expect(reply({ content: '<tool_call>{"name": "x"}</tool_call>' }, { textToolCalls: 'off' })).toEqual({ role: 'assistant', content: '<tool_call>{"name": "x"}</tool_call>' });
  });

  it('never parses text calls beside real tool calls', () => {
    const message = reply({ content: '<tool_call>{"name": "y"}</tool_call>', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'x', arguments: '{}' } }] });
    expect(message.tool_calls?.map((call) => call.id)).toEqual(['c1']);
    expect(message.toolCallsFromText).toBeUndefined();
  });

  it('takes reasoning fields once each (vLLM may send both names), beside think blocks', () => {
    expect(reply({ content: '<think>b</think>Hi', reasoning_content: 'a', reasoning: 'a' })).toEqual({ role: 'assistant', content: 'Hi', reasoning: 'a\n\nb' });
    expect(reply({ content: null, reasoning_content: 'only thinking' })).toEqual({ role: 'assistant', content: null, reasoning: 'only thinking' });
    expect(reply({ content: 'Hi', reasoning: null, reasoning_details: [{ type: 'reasoning.text' }] })).toEqual({ role: 'assistant', content: 'Hi' });
  });

  it('keeps content exactly as sent with reasoning: keep, still recording a reasoning field', () => {
    expect(reply({ content: '<think>x</think>Hi', reasoning: 'y' }, { reasoning: 'keep' })).toEqual({ role: 'assistant', content: '<think>x</think>Hi', reasoning: 'y' });
    expect(reply({ content: '\n\nHi', reasoning_content: 'y' }, { reasoning: 'keep' })).toEqual({ role: 'assistant', content: '\n\nHi', reasoning: 'y' });
  });
});
