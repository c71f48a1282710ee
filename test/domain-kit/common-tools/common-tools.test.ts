import { describe, expect, it } from 'vitest';
import { defineCalculateTool, defineThinkTool, defineTransferToHumanAgentsTool, DomainState, toFunctionSchema } from '../../../src/domain-kit/index.ts';
import { toyData, toyDomain, type ToyRecords } from '../toy-domain.ts';

const freshState = () => new DomainState<ToyRecords>(toyDomain.createBase(toyData()));
/** The function schema a model is sent (`toFunctionSchema` takes tools of any domain, as `defineDomain` passes them). */
const schemaOf = (tool: object) => toFunctionSchema(tool as never).function;

describe('defineCalculateTool', () => {
  const calculate = defineCalculateTool<ToyRecords>();

  it("answers Python's str(round(value, 2)) or Python's error text, reading nothing", () => {
    const state = freshState();
    const hash = state.hash();
    expect(calculate.run(state, { expression: '2 * ((350 - 122) + (499 - 127))' })).toEqual({ ok: true, content: '1200.0' });
    expect(calculate.run(state, { expression: '100 / 3' })).toEqual({ ok: true, content: '33.33' });
    expect(calculate.run(state, { expression: '10 / 0' })).toEqual({ ok: false, content: 'Error: division by zero' });
    expect(calculate.run(state, { expression: '2 ^ 3' })).toEqual({ ok: false, content: 'Error: invalid characters in expression' });
    expect(state.hash()).toBe(hash);
  });

  it("has tau-bench's name and one required string parameter", () => {
    expect(calculate.kind).toBe('read');
    expect(schemaOf(calculate)).toMatchObject({
      name: 'calculate',
      parameters: { type: 'object', properties: { expression: { type: 'string' } }, required: ['expression'] },
    });
  });
});

describe('defineThinkTool', () => {
  it('answers an empty text, changes nothing, and ends its description with the domain sentence', () => {
    const think = defineThinkTool<ToyRecords>('Use it before a refund.');
    const state = freshState();
    const hash = state.hash();
    expect(think.run(state, { thought: 'Check the balance first.' })).toEqual({ ok: true, content: '' });
    expect(state.hash()).toBe(hash);
    expect(think.kind).toBe('read');
    expect(think.description).toMatch(/changes nothing in the database.*Use it before a refund\.$/);
    expect(schemaOf(think)).toMatchObject({
      name: 'think',
      parameters: { type: 'object', properties: { thought: { type: 'string' } }, required: ['thought'] },
    });
  });
});

describe('defineTransferToHumanAgentsTool', () => {
  it('is terminal, answers "Transfer successful" and changes nothing', () => {
    const transfer = defineTransferToHumanAgentsTool<ToyRecords>();
    const state = freshState();
    const hash = state.hash();
    expect(transfer.run(state, { summary: 'Wants a human.' })).toEqual({ ok: true, content: 'Transfer successful' });
    expect(state.hash()).toBe(hash);
    expect(transfer.kind).toBe('terminal');
    expect(schemaOf(transfer)).toMatchObject({
      name: 'transfer_to_human_agents',
      parameters: { type: 'object', properties: { summary: { type: 'string' } }, required: ['summary'] },
    });
  });
});
