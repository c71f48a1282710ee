import { describe, expect, it } from 'vitest';
import { parseCombinedInstruction, parseGeneratorReply } from '../../../src/blueprints/generation/generator-reply.ts';

const reply = {
  thought: 'cancel the pending order',
  instruction: 'Your name is Ana Lee and your email is ana@example.com. You want to cancel order #W1.',
  actions: [{ name: 'cancel_pending_order', arguments: { order_id: '#W1', reason: 'no longer needed' } }],
  outputs: ['12.5'],
};
const json = JSON.stringify(reply);

describe("reading the generator's reply", () => {
  it.each([
    ['bare JSON', json],
    ['a ```json fence', `Here it is:\n\`\`\`json\n${json}\n\`\`\`\nDone.`],
    ['a plain fence', `\`\`\`\n${JSON.stringify(reply, null, 2)}\n\`\`\``],
    ['prose around it', `Sure! I thought about it. ${json} Let me know if you need changes.`],
    ['an example object before it', `The shape is {"x": 1}. My answer: ${json}`],
    ['braces inside strings', JSON.stringify({ ...reply, instruction: `${reply.instruction} You type "{" sometimes.` })],
    ['trailing commas', `{"thought": "t", "instruction": ${JSON.stringify(reply.instruction)}, "actions": [{"name": "cancel_pending_order", "arguments": {"order_id": "#W1", "reason": "no longer needed",},},], "outputs": ["12.5",],}`],
  ])('finds the object in %s', (_label, text) => {
    const parsed = parseGeneratorReply(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.instruction).toContain('You want to cancel order #W1');
    expect(parsed.value.actions).toEqual(reply.actions);
  });

  it("reads tau-bench's kwargs, arguments sent as a JSON string, and numeric outputs", () => {
    const parsed = parseGeneratorReply(
      JSON.stringify({ instruction: 'You want it.', actions: [{ name: 'a', kwargs: { x: 1 } }, { name: 'b', arguments: '{"y": 2}' }, { name: 'c' }], outputs: [12.5, true] }),
    );
    expect(parsed).toEqual({ ok: true, value: { instruction: 'You want it.', actions: [{ name: 'a', arguments: { x: 1 } }, { name: 'b', arguments: { y: 2 } }, { name: 'c', arguments: {} }], outputs: ['12.5', 'true'] } });
  });

  it('names what is wrong when there is no usable object', () => {
    expect(parseGeneratorReply('')).toEqual({ ok: false, problem: 'the reply was empty' });
    expect(parseGeneratorReply('I cannot help with that.')).toEqual({ ok: false, problem: 'the reply contains no JSON object' });
    const missing = parseGeneratorReply('{"actions": [], "outputs": []}');
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.problem).toContain('instruction');
    const badActions = parseGeneratorReply('{"instruction": "x", "actions": "cancel it"}');
    expect(badActions.ok).toBe(false);
    if (!badActions.ok) expect(badActions.problem).toContain('actions');
  });

  it('reads a combined instruction', () => {
    expect(parseCombinedInstruction('```json\n{"thought": "joined", "instruction": "You want both."}\n```')).toEqual({ ok: true, value: { thought: 'joined', instruction: 'You want both.' } });
    expect(parseCombinedInstruction('{"instruction": "  "}').ok).toBe(false);
  });
});
