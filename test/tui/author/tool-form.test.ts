import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { airline } from '../../../domains/airline/index.ts';
import { retail } from '../../../domains/retail/index.ts';
import { defineTool, ok, type ToolDefinition, type ToolParams } from '../../../src/domain-kit/index.ts';
import { cycleChoice, describeFormErrors, formFields, formText, initialFormValues, readForm } from '../../../src/tui/author/tool-form.ts';

const toolOf = (domain: { tool(name: string): unknown }, name: string) => domain.tool(name) as ToolDefinition<never, ToolParams>;

const everyKind = defineTool({
  name: 'every_kind',
  description: 'A tool with one parameter of each kind.',
  params: z.object({
    note: z.string().describe('Free text.'),
    count: z.number().int(),
    urgent: z.boolean(),
    mode: z.enum(['fast', 'slow']),
    tags: z.array(z.string()),
    legs: z.array(z.object({ from: z.string(), to: z.string() })),
    comment: z.string().optional().describe('An optional remark.'),
    level: z.enum(['low', 'high']).optional(),
    flag: z.literal('on'),
  }),
  kind: 'read',
  run: () => ok('done'),
}) as unknown as ToolDefinition<never, ToolParams>;

describe('forms generated from zod parameters', () => {
  test('each parameter becomes a field of its kind, in the order of the schema', () => {
    expect(formFields(everyKind).map((field) => [field.name, field.kind, field.required, field.choices.join('|')])).toEqual([
      ['note', 'text', true, ''],
      ['count', 'number', true, ''],
      ['urgent', 'boolean', true, 'true|false'],
      ['mode', 'choice', true, 'fast|slow'],
      ['tags', 'text-list', true, ''],
      ['legs', 'json', true, ''],
      ['comment', 'text', false, ''],
      ['level', 'choice', false, '|low|high'],
      ['flag', 'choice', true, 'on'],
    ]);
    expect(formFields(everyKind).find((field) => field.name === 'comment')?.description).toBe('An optional remark.');
  });

  test("the shipped tools' forms: retail cancel (text, choice), airline booking (choices, JSON, numbers)", () => {
    expect(formFields(toolOf(retail, 'cancel_pending_order')).map((field) => `${field.name}:${field.kind}`)).toEqual(['order_id:text', 'reason:choice']);
    expect(formFields(toolOf(retail, 'return_delivered_order_items')).map((field) => `${field.name}:${field.kind}`)).toEqual(['order_id:text', 'item_ids:text-list', 'payment_method_id:text']);
    const booking = formFields(toolOf(airline, 'book_reservation'));
    expect(booking.map((field) => `${field.name}:${field.kind}`)).toEqual([
      'user_id:text',
      'origin:text',
      'destination:text',
      'flight_type:choice',
      'cabin:choice',
      'flights:json',
      'passengers:json',
      'payment_methods:json',
      'total_baggages:number',
      'nonfree_baggages:number',
      'insurance:choice',
    ]);
    expect(booking.find((field) => field.name === 'cabin')?.choices).toEqual(['basic_economy', 'economy', 'business']);
  });

  test('a filled form reads into arguments: numbers, booleans, comma lists, JSON; empty optional fields are left out', () => {
    const fields = formFields(everyKind);
    const reading = readForm(everyKind, fields, { note: '', count: ' 3 ', urgent: 'false', mode: 'slow', tags: 'a, b ,, c', legs: '[{"from":"SFO","to":"JFK"}]', comment: '', level: '', flag: 'on' });
    expect(reading).toEqual({ ok: true, arguments: { note: '', count: 3, urgent: false, mode: 'slow', tags: ['a', 'b', 'c'], legs: [{ from: 'SFO', to: 'JFK' }], flag: 'on' } });
  });

  test('invalid values are rejected, each problem under the field it belongs to', () => {
    const fields = formFields(everyKind);
    const reading = readForm(everyKind, fields, { note: 'x', count: 'two', urgent: '', mode: 'medium', tags: '[1]', legs: '[{"from":"SFO"}', comment: '', level: 'low', flag: 'on' });
    expect(reading.ok).toBe(false);
    const errors = reading.ok ? {} : reading.errors;
    expect(Object.keys(errors).sort()).toEqual(['count', 'legs', 'mode', 'tags', 'urgent']);
    expect(errors.count).toBe('expected a number, got "two"');
    expect(errors.urgent).toBe('required');
    expect(errors.mode).toMatch(/expected one of "fast"\|"slow"/);
    expect(errors.tags).toMatch(/^0: .*expected string, received number/);
    expect(errors.legs).toMatch(/^not valid JSON/);
    expect(describeFormErrors({ count: 'expected a number, got "two"' })).toEqual(['count: expected a number, got "two"']);

    const fractional = readForm(everyKind, fields, { note: 'x', count: '1.5', urgent: 'true', mode: 'fast', tags: '', legs: '[{"from":"SFO"}]', comment: '', level: '', flag: 'on' });
    expect(fractional.ok ? {} : fractional.errors).toEqual({ count: expect.stringMatching(/expected int/), legs: expect.stringMatching(/^0\.to: /) });
  });

  test('an airline booking with a bad passenger list and a non-number bag count names both fields', () => {
    const tool = toolOf(airline, 'book_reservation');
    const fields = formFields(tool);
    const values = { ...initialFormValues(fields), user_id: 'mia_li_3668', origin: 'JFK', destination: 'SEA', flights: '[{"flight_number":"HAT136","date":"2024-05-20"}]', passengers: '[{"first_name":"Mia"}]', payment_methods: '[]', total_baggages: 'three', nonfree_baggages: '0' };
    const reading = readForm(tool, fields, values);
    expect(reading.ok ? [] : Object.keys(reading.errors).sort()).toEqual(['passengers', 'total_baggages']);
  });

  test('an action being edited fills the form, and the form reads back to the same arguments', () => {
    const fields = formFields(everyKind);
    const args = { note: 'hello, world', count: 7, urgent: true, mode: 'fast', tags: ['x', 'y'], legs: [{ from: 'A', to: 'B' }], level: 'high', flag: 'on' };
    const values = initialFormValues(fields, args);
    expect(values).toEqual({ note: 'hello, world', count: '7', urgent: 'true', mode: 'fast', tags: 'x, y', legs: '[{"from":"A","to":"B"}]', comment: '', level: 'high', flag: 'on' });
    expect(readForm(everyKind, fields, values)).toEqual({ ok: true, arguments: args });
    // A list item with a comma cannot be a comma list: it is shown (and read back) as JSON.
    const tags = fields.find((field) => field.name === 'tags');
    if (!tags) throw new Error('no tags field');
    expect(formText(tags, ['a,b', 'c'])).toBe('["a,b","c"]');
    expect(readForm(everyKind, fields, { ...values, tags: '["a,b","c"]' })).toMatchObject({ ok: true, arguments: { tags: ['a,b', 'c'] } });
  });

  test('new forms start required choices at their first value; choices cycle both ways', () => {
    const fields = formFields(everyKind);
    const values = initialFormValues(fields);
    expect(values).toMatchObject({ urgent: 'true', mode: 'fast', level: '', note: '', flag: 'on' });
    const level = fields.find((field) => field.name === 'level');
    if (!level) throw new Error('no level field');
    expect(cycleChoice(level, '', 1)).toBe('low');
    expect(cycleChoice(level, 'high', 1)).toBe('');
    expect(cycleChoice(level, '', -1)).toBe('high');
  });
});
