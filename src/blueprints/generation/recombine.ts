import { addUsage, type ChatModel, type TokenUsage } from '../../models/index.ts';
import { InterplayError, type Domain } from '../../domain-kit/index.ts';
import { BLUEPRINT_SCHEMA_VERSION, type Blueprint, type BlueprintAction } from '../blueprint.ts';
import { isIdentificationTool } from './api-graph.ts';
import type { BlueprintValidator, GenerationValidation } from './blueprint-validator.ts';
import { isAccepted, shuffle } from './few-shot.ts';
import { parseCombinedInstruction } from './generator-reply.ts';
import { recombinationMessages } from './recombination-prompt.ts';

/**
 * Reverse recombination: validated blueprints of one customer are joined into a longer one — actions
 * in order, outputs merged — and the generator writes one instruction for the whole. The result goes
 * back through validation (execution and policy on the whole sequence, and the committee when one is
 * configured), since requests that pass alone may clash together.
 */
export class RecombinationError extends InterplayError {
  override readonly name = 'RecombinationError';
}

/** The accepted blueprints of a domain, by user, keeping only users with at least two. */
export function recombinableGroups(pool: readonly Blueprint[], domain: string): Map<string, Blueprint[]> {
  const groups = new Map<string, Blueprint[]>();
  for (const blueprint of pool) {
    if (blueprint.domain !== domain || !isAccepted(blueprint)) continue;
    groups.set(blueprint.userId, [...(groups.get(blueprint.userId) ?? []), blueprint]);
  }
  for (const [userId, group] of groups) if (group.length < 2) groups.delete(userId);
  return groups;
}

/** The records a blueprint's writes act on: the ids their arguments carry (order, reservation, user), payment methods aside. */
function touchedIds(domain: Domain, blueprint: Blueprint): Set<string> {
  const ids = new Set<string>();
  for (const action of blueprint.actions) {
    if (domain.tool(action.name)?.kind !== 'write') continue;
    for (const [name, value] of Object.entries(action.arguments)) {
      if (/_id$/.test(name) && !/^payment/.test(name) && typeof value === 'string') ids.add(value);
    }
  }
  return ids;
}

/**
 * 2–3 blueprints of one user (seeded), chosen so no two write to the same record (two address changes
 * of one user would contradict each other); undefined when the pool
 * has no such combination. `exclude` lists combinations already made (sorted ids joined by "+").
 */
export function chooseCombination(pool: readonly Blueprint[], domain: Domain, random: () => number, exclude: ReadonlySet<string> = new Set()): Blueprint[] | undefined {
  const groups = shuffle([...recombinableGroups(pool, domain.name).values()], random);
  for (const group of groups) {
    const size = group.length >= 3 && random() < 0.4 ? 3 : 2;
    const chosen: Blueprint[] = [];
    for (const candidate of shuffle(group, random)) {
      const ids = touchedIds(domain, candidate);
      if (chosen.some((other) => [...touchedIds(domain, other)].some((id) => ids.has(id)))) continue;
      chosen.push(candidate);
      if (chosen.length === size) break;
    }
    if (chosen.length >= 2 && !exclude.has(combinationKey(chosen))) return chosen;
  }
  return undefined;
}

export const combinationKey = (sources: readonly Pick<Blueprint, 'id'>[]) => sources.map((source) => source.id).sort().join('+');

/**
 * The sources' actions, concatenated in order, and their outputs merged without duplicates. The
 * conversation identifies the user once: the identification calls a later source opens with are left
 * out when an earlier source identified the user already.
 */
export function combineSources(sources: readonly Blueprint[]): { actions: BlueprintAction[]; outputs: string[] } {
  const actions: BlueprintAction[] = [];
  for (const source of sources) {
    const identified = actions.some((action) => isIdentificationTool(action.name));
    const firstOther = source.actions.findIndex((action) => !isIdentificationTool(action.name));
    const opening = firstOther === -1 ? source.actions.length : firstOther;
    actions.push(...source.actions.slice(identified ? opening : 0).map((action) => structuredClone(action)));
  }
  return { actions, outputs: [...new Set(sources.flatMap((source) => source.outputs))] };
}

export interface RecombineOptions {
  sources: readonly Blueprint[];
  generator: ChatModel;
  validate: BlueprintValidator;
  /** Names the result: `<domain>-recombined-s<seed>-<index>`. */
  seed: number;
  index: number;
  clock: () => Date;
  replyAttempts?: number;
  signal?: AbortSignal;
}

export interface RecombinationResult {
  sources: string[];
  draft?: Blueprint;
  validation?: GenerationValidation;
  problem?: string;
  generatorCalls: number;
  generatorUsage?: TokenUsage;
}

export const recombinedBlueprintId = (domain: string, seed: number, index: number) => `${domain}-recombined-s${seed}-${String(index).padStart(4, '0')}`;

export async function recombineBlueprints(options: RecombineOptions): Promise<RecombinationResult> {
  const { sources, generator, signal } = options;
  const first = sources[0];
  if (!first || sources.length < 2 || sources.length > 3) throw new RecombinationError(`recombination joins 2 or 3 blueprints, got ${sources.length}`);
  const foreign = sources.find((source) => source.userId !== first.userId || source.domain !== first.domain);
  if (foreign) throw new RecombinationError(`blueprint ${foreign.id} is for ${foreign.domain} user ${foreign.userId}, not ${first.domain} user ${first.userId}: only one customer's blueprints can be joined`);
  if (new Set(sources.map((source) => source.id)).size !== sources.length) throw new RecombinationError('a blueprint cannot be joined with itself');
  const notAccepted = sources.find((source) => !isAccepted(source));
  if (notAccepted) throw new RecombinationError(`blueprint ${notAccepted.id} is ${notAccepted.status}: only validated or approved blueprints are joined`);

  const messages = recombinationMessages(first.domain, sources);
  const attempts = options.replyAttempts ?? 2;
  let usage: TokenUsage | undefined;
  let problem = 'the generator was not called';
  const sourceIds = sources.map((source) => source.id);
  for (let call = 1; call <= attempts; call++) {
    const response = await generator.complete({ messages, ...(signal ? { signal } : {}) });
    if (response.usage) usage = addUsage(usage, response.usage);
    const parsed = parseCombinedInstruction(response.message.content);
    if (!parsed.ok) {
      problem = parsed.problem;
      messages.push(response.message, { role: 'user', content: `That reply could not be used (${parsed.problem}). Answer again with only the JSON object of the shape asked for.` });
      continue;
    }
    const { actions, outputs } = combineSources(sources);
    const draft: Blueprint = {
      schemaVersion: BLUEPRINT_SCHEMA_VERSION,
      id: recombinedBlueprintId(first.domain, options.seed, options.index),
      domain: first.domain,
      userId: first.userId,
      ...(first.persona ? { persona: first.persona } : {}),
      instruction: parsed.value.instruction,
      actions,
      outputs,
      provenance: { kind: 'recombined', sources: sourceIds },
      status: 'draft',
      createdAt: options.clock().toISOString(),
    };
    const validation = await options.validate(draft, signal);
    return { sources: sourceIds, draft, validation, generatorCalls: call, ...(usage ? { generatorUsage: usage } : {}) };
  }
  return { sources: sourceIds, problem: `the generator gave no usable instruction in ${attempts} attempts (${problem})`, generatorCalls: attempts, ...(usage ? { generatorUsage: usage } : {}) };
}
