import { describe, expect, it } from 'vitest';
import { airline } from '../../../../domains/airline/index.ts';
import { hasTauBench, readReference, tauBenchMissing } from '../../../support/tau-bench-reference.ts';

type JsonSchema = { type?: string; enum?: unknown[]; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema; description?: string };
type FunctionSchema = { type: 'function'; function: { name: string; description: string; parameters: JsonSchema } };

/** What a model must get right from a schema: types, enums, required names, nesting (not the prose). */
function shape(schema: JsonSchema): unknown {
  return {
    type: schema.type,
    ...(schema.enum ? { enum: schema.enum } : {}),
    ...(schema.properties
      ? { properties: Object.fromEntries(Object.entries(schema.properties).map(([key, value]) => [key, shape(value)])), required: [...(schema.required ?? [])].sort() }
      : {}),
    ...(schema.items ? { items: shape(schema.items) } : {}),
  };
}

describe.skipIf(!hasTauBench)("airline tool schemas match tau-bench's", () => {
  // The body of a skipped describe still runs to collect its tests: read the reference only when it is there.
  const reference = hasTauBench ? (readReference<Record<string, FunctionSchema[]>>('tau-bench/tool_schemas.json').airline ?? []) : [];
  const ours = airline.toolSchemas() as FunctionSchema[];

  it('has the same tools in the same order', () => {
    expect(ours.map((tool) => tool.function.name)).toEqual(reference.map((tool) => tool.function.name));
  });

  it.each(reference.map((tool) => [tool.function.name, tool] as const))('%s has the same parameters, types, enums and required lists', (name, tool) => {
    const mine = ours.find((candidate) => candidate.function.name === name)!;
    expect(shape(mine.function.parameters)).toEqual(shape(tool.function.parameters));
  });

  it('describes every tool and every parameter that tau-bench describes', () => {
    for (const tool of reference) {
      const mine = ours.find((candidate) => candidate.function.name === tool.function.name)!;
      expect(mine.function.description.length).toBeGreaterThan(10);
      const check = (theirs: JsonSchema, our: JsonSchema, path: string) => {
        if (theirs.description) expect(our.description, path).toBeTruthy();
        for (const [key, value] of Object.entries(theirs.properties ?? {})) check(value, our.properties![key]!, `${path}.${key}`);
        if (theirs.items) check(theirs.items, our.items!, `${path}[]`);
      };
      check(tool.function.parameters, mine.function.parameters, tool.function.name);
    }
  });
});

describe.skipIf(hasTauBench)("airline tool schemas match tau-bench's", () => {
  it.skip(tauBenchMissing, () => {});
});
