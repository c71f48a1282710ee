import { describe, expect, it } from 'vitest';
import { addUsage, chatMessageSchema, zeroUsage, type ChatMessage } from '../../src/models/index.ts';

describe('addUsage', () => {
  it('adds field by field, counting a missing usage as zero', () => {
    const one = { promptTokens: 10, completionTokens: 2, totalTokens: 12 };
    expect(addUsage(one, { promptTokens: 5, completionTokens: 1, totalTokens: 6 })).toEqual({ promptTokens: 15, completionTokens: 3, totalTokens: 18 });
    expect(addUsage(undefined, one)).toEqual(one);
    expect(addUsage(one, undefined)).toEqual(one);
    expect(addUsage(undefined, undefined)).toEqual(zeroUsage);
  });
});

describe('chatMessageSchema', () => {
  it('reads back every message kind after a JSON round trip', () => {
    const conversation: ChatMessage[] = [
      { role: 'system', content: 'policy' },
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: 'Error: bad' },
      { role: 'assistant', content: '' },
    ];
    const stored = JSON.parse(JSON.stringify(conversation)) as unknown[];
    expect(stored.map((message) => chatMessageSchema.parse(message))).toEqual(conversation);
  });

  it('rejects a message of an unknown role or a tool message without its call id', () => {
    expect(chatMessageSchema.safeParse({ role: 'developer', content: 'x' }).success).toBe(false);
    expect(chatMessageSchema.safeParse({ role: 'tool', content: 'x' }).success).toBe(false);
  });
});
