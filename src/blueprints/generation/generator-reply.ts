import { z } from 'zod';
import { parseJsonReply, type JsonReplyParse } from '../json-object-extraction.ts';

/** What the generator must answer: its reasoning, the instruction, the ground-truth actions and the outputs. */
export interface GeneratorReply {
  thought?: string;
  instruction: string;
  actions: Array<{ name: string; arguments: Record<string, unknown> }>;
  outputs: string[];
}

/** Arguments sent as a JSON string are parsed; tau-bench's `kwargs` is read as `arguments`. */
const actionSchema = z.preprocess(
  (raw) => {
    if (raw === null || typeof raw !== 'object') return raw;
    const action = { ...(raw as Record<string, unknown>) };
    if (action.arguments === undefined && action.kwargs !== undefined) action.arguments = action.kwargs;
    if (typeof action.arguments === 'string') {
      try {
        action.arguments = JSON.parse(action.arguments);
      } catch {
        // Left as text: the schema names the problem.
      }
    }
    return { name: action.name, arguments: action.arguments ?? {} };
  },
  z.object({ name: z.string().min(1), arguments: z.record(z.string(), z.unknown()) }),
);

const generatorReplySchema = z.object({
  thought: z.string().optional(),
  instruction: z.string().trim().min(1),
  actions: z.array(actionSchema),
  outputs: z.array(z.union([z.string(), z.number(), z.boolean()]).transform(String)).default([]),
});

const describe = (error: z.ZodError) => error.issues.map((issue) => `${issue.path.map(String).join('.') || '(reply)'}: ${issue.message}`).join('; ');

/**
 * Reads the generator's reply: the first JSON object in it (bare, fenced, or inside prose) that has the
 * reply's shape. Trailing commas, a common slip, are forgiven.
 */
export function parseGeneratorReply(text: string | null): JsonReplyParse<GeneratorReply> {
  const parse = (object: Record<string, unknown>): JsonReplyParse<GeneratorReply> => {
    const parsed = generatorReplySchema.safeParse(object);
    return parsed.success ? { ok: true, value: parsed.data as GeneratorReply } : { ok: false, problem: describe(parsed.error) };
  };
  const first = parseJsonReply(text, parse);
  if (first.ok || text === null) return first;
  const repaired = parseJsonReply(text.replace(/,(\s*[}\]])/g, '$1'), parse);
  return repaired.ok ? repaired : first;
}

/** The recombination answer: one instruction for the joined blueprints. */
export function parseCombinedInstruction(text: string | null): JsonReplyParse<{ thought?: string; instruction: string }> {
  return parseJsonReply(text, (object) => {
    const parsed = z.object({ thought: z.string().optional(), instruction: z.string().trim().min(1) }).safeParse(object);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: describe(parsed.error) };
  });
}
