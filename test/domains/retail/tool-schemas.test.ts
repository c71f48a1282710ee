import { describe, expect, it } from 'vitest';
import { retail } from '../../../domains/retail/index.ts';
import { hasTauBench, readReference, tauBenchMissing } from '../../support/tau-bench-reference.ts';

interface JsonSchemaProperty {
  type?: string;
  enum?: string[];
  items?: JsonSchemaProperty;
}
interface FunctionSchema {
  function: { name: string; parameters: { properties: Record<string, JsonSchemaProperty>; required?: string[] } };
}

/** What must agree with tau-bench: names, types, enums, nesting and required lists (descriptions are our own words). */
function shape(schemas: FunctionSchema[]) {
  const describeProperty = (property: JsonSchemaProperty): unknown => ({
    type: property.type,
    enum: property.enum,
    items: property.items && describeProperty(property.items),
  });
  return schemas.map(({ function: { name, parameters } }) => ({
    name,
    properties: Object.fromEntries(Object.entries(parameters.properties).map(([key, property]) => [key, describeProperty(property)])),
    required: [...(parameters.required ?? [])].sort(),
  }));
}

describe.skipIf(!hasTauBench)('retail tool schemas', () => {
  it("match tau-bench's tool_schemas.json tool for tool, in the same order", () => {
    const reference = readReference<{ retail: FunctionSchema[] }>('tau-bench/tool_schemas.json').retail;
    expect(shape(retail.toolSchemas() as unknown as FunctionSchema[])).toEqual(shape(reference));
  });
});

describe.skipIf(hasTauBench)('retail tool schemas', () => {
  it.skip(tauBenchMissing, () => {});
});

describe('retail tool schemas (always)', () => {
  it('describe every tool and every parameter', () => {
    for (const schema of retail.toolSchemas()) {
      expect(schema.function.description.length, schema.function.name).toBeGreaterThan(20);
      const properties = (schema.function.parameters as { properties: Record<string, { description?: string }> }).properties;
      for (const [name, property] of Object.entries(properties)) expect(property.description, `${schema.function.name}.${name}`).toBeTruthy();
    }
  });

  it('mark the transfer as terminal, the writes as writes and everything else as reads', () => {
    const kinds = Object.fromEntries(retail.tools.map((tool) => [tool.name, tool.kind]));
    expect(kinds).toEqual({
      calculate: 'read',
      cancel_pending_order: 'write',
      exchange_delivered_order_items: 'write',
      find_user_id_by_email: 'read',
      find_user_id_by_name_zip: 'read',
      get_order_details: 'read',
      get_product_details: 'read',
      get_user_details: 'read',
      list_all_product_types: 'read',
      modify_pending_order_address: 'write',
      modify_pending_order_items: 'write',
      modify_pending_order_payment: 'write',
      modify_user_address: 'write',
      return_delivered_order_items: 'write',
      think: 'read',
      transfer_to_human_agents: 'terminal',
    });
  });
});
