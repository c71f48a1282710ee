import type { z } from 'zod';
import { parseArguments, type ToolDefinition, type ToolParams } from '../../domain-kit/index.ts';

/**
 * How a parameter is typed in: free text, a number, a yes/no toggle, one of a few choices, a comma
 * list of strings, or JSON (nested objects and arrays of objects), checked by the parameter's schema.
 */
export type FieldKind = 'text' | 'number' | 'boolean' | 'choice' | 'text-list' | 'json';

export interface FormField {
  name: string;
  kind: FieldKind;
  required: boolean;
  description: string;
  /** For `choice` (and `boolean`): the values to cycle through; '' means "not given" for an optional one. */
  choices: readonly string[];
  schema: z.ZodType;
}

/** The form's text per field, as typed. */
export type FormValues = Record<string, string>;

export type FormReading = { ok: true; arguments: Record<string, unknown> } | { ok: false; errors: Record<string, string> };

interface SchemaDefinition {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: readonly unknown[];
}

const definitionOf = (schema: z.ZodType) => schema._zod.def as unknown as SchemaDefinition;
const wrapperTypes = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch']);

/** The schema under optional/nullable/default wrappers, and the first description found on the way. */
function unwrap(schema: z.ZodType): { inner: z.ZodType; description: string | undefined } {
  let inner = schema;
  let description = schema.description;
  for (let definition = definitionOf(inner); wrapperTypes.has(definition.type) && definition.innerType; definition = definitionOf(inner)) {
    inner = definition.innerType;
    description ??= inner.description;
  }
  return { inner, description };
}

function fieldOf(name: string, schema: z.ZodType): FormField {
  const { inner, description } = unwrap(schema);
  const required = !schema.safeParse(undefined).success;
  const definition = definitionOf(inner);
  const field = (kind: FieldKind, choices: readonly string[] = []): FormField => ({
    name,
    kind,
    required,
    description: description ?? '',
    choices: required || choices.length === 0 ? choices : ['', ...choices],
    schema,
  });
  switch (definition.type) {
    case 'string':
      return field('text');
    case 'number':
    case 'int':
      return field('number');
    case 'boolean':
      return field('boolean', ['true', 'false']);
    case 'enum':
      return field('choice', Object.values(definition.entries ?? {}).map(String));
    case 'literal':
      if ((definition.values ?? []).every((value) => typeof value === 'string')) return field('choice', definition.values as string[]);
      return field('json');
    case 'array':
      return definition.element && definitionOf(unwrap(definition.element).inner).type === 'string' ? field('text-list') : field('json');
    default:
      return field('json');
  }
}

/** The form of a tool: one field per parameter, in the order of its zod object. */
export function formFields(tool: ToolDefinition<never, ToolParams>): FormField[] {
  return Object.entries(tool.params.shape as Record<string, z.ZodType>).map(([name, schema]) => fieldOf(name, schema));
}

/** The text a field shows for an argument value (an action being edited); '' when it is absent. */
export function formText(field: FormField, value: unknown): string {
  if (value === undefined) return '';
  switch (field.kind) {
    case 'text':
      return typeof value === 'string' ? value : JSON.stringify(value);
    case 'number':
    case 'boolean':
    case 'choice':
      return typeof value === 'string' && field.kind === 'choice' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
    case 'text-list':
      return Array.isArray(value) && value.every((item) => typeof item === 'string' && !item.includes(',')) ? value.join(', ') : JSON.stringify(value);
    case 'json':
      return JSON.stringify(value);
  }
}

/** The starting values of a form: from an existing action's arguments, else empty (the first choice for required choices). */
export function initialFormValues(fields: readonly FormField[], args: Record<string, unknown> = {}): FormValues {
  return Object.fromEntries(
    fields.map((field) => {
      const text = formText(field, args[field.name]);
      return [field.name, text === '' && field.choices.length > 0 && field.required && args[field.name] === undefined ? (field.choices[0] as string) : text];
    }),
  );
}

/** The next or previous choice of a choice or boolean field. */
export function cycleChoice(field: FormField, current: string, step: 1 | -1): string {
  if (field.choices.length === 0) return current;
  const index = field.choices.indexOf(current);
  const next = index === -1 ? 0 : (index + step + field.choices.length) % field.choices.length;
  return field.choices[next] as string;
}

type Conversion = { ok: true; value: unknown } | { ok: false; message: string };

/** The typed text of one field as a value (undefined: not given). */
function convert(field: FormField, text: string): Conversion {
  const trimmed = text.trim();
  switch (field.kind) {
    case 'text':
      return { ok: true, value: text === '' && !field.required ? undefined : text };
    case 'choice':
      return { ok: true, value: text === '' ? undefined : text };
    case 'boolean':
      return { ok: true, value: trimmed === '' ? undefined : trimmed === 'true' ? true : trimmed === 'false' ? false : trimmed };
    case 'number': {
      if (trimmed === '') return { ok: true, value: undefined };
      const number = Number(trimmed);
      return Number.isFinite(number) ? { ok: true, value: number } : { ok: false, message: `expected a number, got "${trimmed}"` };
    }
    case 'text-list':
      if (trimmed === '') return { ok: true, value: field.required ? [] : undefined };
      if (trimmed.startsWith('[')) return convert({ ...field, kind: 'json' }, trimmed);
      return { ok: true, value: trimmed.split(',').map((item) => item.trim()).filter((item) => item !== '') };
    case 'json':
      if (trimmed === '') return { ok: true, value: undefined };
      try {
        return { ok: true, value: JSON.parse(trimmed) as unknown };
      } catch (error) {
        return { ok: false, message: `not valid JSON (${(error as Error).message})` };
      }
  }
}

/**
 * Reads a filled form into the tool's arguments. Each value is checked by its parameter's zod schema;
 * every problem is reported under the field it belongs to (`{ reason: 'Invalid option: ...' }`).
 */
export function readForm(tool: ToolDefinition<never, ToolParams>, fields: readonly FormField[], values: FormValues): FormReading {
  const errors: Record<string, string> = {};
  const args: Record<string, unknown> = {};
  for (const field of fields) {
    const converted = convert(field, values[field.name] ?? '');
    if (!converted.ok) {
      errors[field.name] = converted.message;
      continue;
    }
    const checked = field.schema.safeParse(converted.value);
    if (!checked.success) {
      errors[field.name] = converted.value === undefined ? 'required' : checked.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message)).join('; ');
      continue;
    }
    if (converted.value !== undefined) args[field.name] = converted.value;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const whole = parseArguments(tool, args);
  if (!whole.ok) return { ok: false, errors: { '(form)': whole.message } };
  return { ok: true, arguments: args };
}

/** Form errors as lines naming their field: `reason: Invalid option: expected one of ...`. */
export const describeFormErrors = (errors: Record<string, string>): string[] => Object.entries(errors).map(([field, message]) => `${field}: ${message}`);
