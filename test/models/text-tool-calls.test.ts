import { describe, expect, it } from 'vitest';
import type { FunctionToolSchema } from '../../src/domain-kit/index.ts';
import { looksLikeTextToolCall, parseTextToolCalls, toMessageToolCalls } from '../../src/models/index.ts';

const tools: FunctionToolSchema[] = [
  {
    type: 'function',
    function: {
      name: 'modify_pending_order_items',
      description: 'Swap items.',
      parameters: { type: 'object', properties: { order_id: { type: 'string' }, item_ids: { type: 'array' }, quantity: { type: 'integer' }, gift: { type: 'boolean' } } },
    },
  },
];

describe('parseTextToolCalls', () => {
  it('reads Hermes/Qwen JSON blocks, arguments as an object, a JSON string or absent', () => {
    const content = '<tool_call>\n{"name": "a", "arguments": {"x": 1}}\n</tool_call>\n<tool_call>{"name": "b", "parameters": "{\\"y\\": 2}"}</tool_call><tool_call>{"name": "c"}</tool_call>';
    expect(parseTextToolCalls(content)).toEqual({
      calls: [
        { name: 'a', arguments: '{"x":1}' },
        { name: 'b', arguments: '{"y": 2}' },
        { name: 'c', arguments: '{}' },
      ],
      rest: '',
    });
  });

  it('reads Qwen3-Coder function blocks, typing each parameter by the offered tool\'s schema', () => {
    const content = [
      '<tool_call>',
      '<function=modify_pending_order_items>',
      '<parameter=order_id>\n1008292230\n</parameter>',
      '<parameter=item_ids>\n["1", "2"]\n</parameter>',
      '<parameter=quantity>\n2\n</parameter>',
      '<parameter=gift>\nfalse\n</parameter>',
      '</function>',
      '</tool_call>',
    ].join('\n');
    expect(parseTextToolCalls(content, tools)?.calls).toEqual([{ name: 'modify_pending_order_items', arguments: '{"order_id":"1008292230","item_ids":["1","2"],"quantity":2,"gift":false}' }]);
    // Without the schema, an id that looks like a number stays text.
    expect(parseTextToolCalls(content)?.calls[0]?.arguments).toBe('{"order_id":"1008292230","item_ids":["1","2"],"quantity":"2","gift":"false"}');
  });

  it('gives up on any block it cannot read, and keeps the text around the blocks', () => {
    expect(parseTextToolCalls('<tool_call>{"arguments": {}}</tool_call>')).toBeUndefined();
    expect(parseTextToolCalls('<tool_call>not json</tool_call>')).toBeUndefined();
    expect(parseTextToolCalls('<tool_call><function=x>stray text<parameter=a>1</parameter></function></tool_call>')).toBeUndefined();
    expect(parseTextToolCalls('no calls here')).toBeUndefined();
    expect(parseTextToolCalls('Sure.\n<tool_call>{"name": "a"}</tool_call>')?.rest).toBe('Sure.');
  });

  it('names the calls with the ids it is given, and spots other templates\' markers', () => {
    expect(toMessageToolCalls([{ name: 'a', arguments: '{}' }], (index) => `id-${index}`)).toEqual([{ id: 'id-0', type: 'function', function: { name: 'a', arguments: '{}' } }]);
    expect(['[TOOL_CALLS] [{"name": "a"}]', '<|python_tag|>a()', '<function=a>', '{"name": "a", "arguments": {}}'].every(looksLikeTextToolCall)).toBe(true);
    expect(looksLikeTextToolCall('Your order is on its way.')).toBe(false);
  });
});
