import { z } from 'zod';
import { InvalidDataError, type FunctionToolSchema } from '../../domain-kit/index.ts';
import { describeIssues } from '../describe-issues.ts';

const functionSchema = z.object({ name: z.string().min(1), description: z.string(), parameters: z.record(z.string(), z.unknown()) });
const toolListSchema = z.array(z.union([z.object({ type: z.literal('function'), function: functionSchema }), functionSchema]));

/**
 * The tools of `--tool-text`: tau-bench's own tool texts, as a list of OpenAI function tools
 * (`{type: "function", function: {name, description, parameters}}`) or of bare `{name, description,
 * parameters}`, or an object of such lists by domain (tau-bench's `tool_schemas.json`), from which the
 * run's domain is taken. The list must name exactly the domain's tools: a record must offer the tools the
 * agent had.
 */
export function parseToolText(text: string, file: string, domain: { name: string; toolNames: readonly string[] }): FunctionToolSchema[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new InvalidDataError(`not valid JSON (${(error as Error).message})`, file);
  }
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    if (!Object.hasOwn(raw, domain.name)) throw new InvalidDataError(`has no tool list for the ${domain.name} domain (it has: ${Object.keys(raw).join(', ') || 'nothing'})`, file);
    raw = (raw as Record<string, unknown>)[domain.name];
  }
  const parsed = toolListSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidDataError('not a list of function tools ({name, description, parameters})', file, describeIssues(parsed.error));
  const tools = parsed.data.map((tool): FunctionToolSchema => ('function' in tool ? { type: 'function', function: tool.function } : { type: 'function', function: tool }));
  const names = tools.map((tool) => tool.function.name);
  const missing = domain.toolNames.filter((name) => !names.includes(name));
  const extra = names.filter((name) => !domain.toolNames.includes(name));
  if (missing.length > 0 || extra.length > 0) {
    const problems = [...(missing.length > 0 ? [`missing: ${missing.join(', ')}`] : []), ...(extra.length > 0 ? [`not ${domain.name} tools: ${extra.join(', ')}`] : [])];
    throw new InvalidDataError(`the tools must be exactly the ${domain.name} domain's tools`, file, problems);
  }
  return tools;
}
