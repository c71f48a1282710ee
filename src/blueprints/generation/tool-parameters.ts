import { toFunctionSchema, type ToolDefinition } from '../../domain-kit/index.ts';

/** One parameter of a tool as its JSON Schema states it. */
export interface ToolParameter {
  name: string;
  type: string | undefined;
  enum?: readonly unknown[];
  /** Property names of the objects an array (or object) parameter holds, e.g. `flights[].flight_number`. */
  nestedNames: string[];
  required: boolean;
}

interface JsonSchemaProperty {
  type?: string;
  enum?: unknown[];
  items?: JsonSchemaProperty;
  properties?: Record<string, JsonSchemaProperty>;
}

/** The parameters of a tool, read from the JSON Schema derived from its zod object. */
export function toolParameters(tool: ToolDefinition<never, never>): ToolParameter[] {
  const schema = toFunctionSchema(tool as never).function.parameters as { properties?: Record<string, JsonSchemaProperty>; required?: string[] };
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const inner = property.type === 'array' ? property.items : property;
    const parameter: ToolParameter = { name, type: property.type, nestedNames: Object.keys(inner?.properties ?? {}), required: required.has(name) };
    if (property.enum) parameter.enum = property.enum;
    return parameter;
  });
}
