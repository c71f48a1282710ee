import { addUsage, type ChatMessage, type ChatModel, type TokenUsage } from '../../models/index.ts';
import type { BaseState, Domain } from '../../domain-kit/index.ts';
import { BLUEPRINT_SCHEMA_VERSION, type Blueprint } from '../blueprint.ts';
import type { ApiGraph } from './api-graph.ts';
import type { BlueprintValidator, GenerationValidation } from './blueprint-validator.ts';
import { sampleContext, type GenerationContext } from './context-sampler.ts';
import { generationMessages } from './generation-prompt.ts';
import { parseGeneratorReply } from './generator-reply.ts';

export interface GenerateBlueprintOptions {
  domain: Domain;
  base: BaseState;
  graph: ApiGraph;
  generator: ChatModel;
  validate: BlueprintValidator;
  /** The batch seed; with `index` it decides the context (and, with a deterministic model, the blueprint). */
  seed: number;
  index: number;
  clock: () => Date;
  fewShotPool?: readonly Blueprint[];
  personas?: readonly string[];
  /** Calls to the generator before an unusable reply is given up on (default 2: one retry with the problem). */
  replyAttempts?: number;
  signal?: AbortSignal;
}

export interface GenerationResult {
  context: GenerationContext;
  /** The blueprint as generated (status draft); absent when the generator never gave a usable reply. */
  draft?: Blueprint;
  /** The validator's verdict on the draft. */
  validation?: GenerationValidation;
  /** Why no draft was made. */
  problem?: string;
  generatorCalls: number;
  generatorUsage?: TokenUsage;
}

/** A seed of its own for the `index`-th blueprint of a batch (a mix of both, so neighbours differ). */
export function blueprintSeed(seed: number, index: number): number {
  return (mix(mix(seed >>> 0) ^ Math.imul(index + 1, 0x9e3779b1)) & 0x7fffffff) >>> 0;
}

/** MurmurHash3's 32-bit finaliser: every input bit affects every output bit. */
function mix(value: number): number {
  let hash = value >>> 0;
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

export const generatedBlueprintId = (domain: string, seed: number, index: number) => `${domain}-generated-s${seed}-${String(index).padStart(4, '0')}`;

/**
 * One blueprint: sample a context, ask the generator, turn its reply into a draft blueprint with its
 * provenance, and send the draft through the injected validator.
 */
export async function generateBlueprint(options: GenerateBlueprintOptions): Promise<GenerationResult> {
  const { domain, generator, signal } = options;
  const context = sampleContext({
    domain,
    base: options.base,
    graph: options.graph,
    seed: blueprintSeed(options.seed, options.index),
    ...(options.fewShotPool ? { fewShotPool: options.fewShotPool } : {}),
    ...(options.personas ? { personas: options.personas } : {}),
  });
  const messages: ChatMessage[] = generationMessages(domain, context);
  const attempts = options.replyAttempts ?? 2;
  let usage: TokenUsage | undefined;
  let problem = 'the generator was not called';
  for (let call = 1; call <= attempts; call++) {
    const response = await generator.complete({ messages, ...(signal ? { signal } : {}) });
    if (response.usage) usage = addUsage(usage, response.usage);
    const parsed = parseGeneratorReply(response.message.content);
    if (!parsed.ok) {
      problem = parsed.problem;
      messages.push(response.message, { role: 'user', content: `That reply could not be used (${parsed.problem}). Answer again with only the JSON object of the shape asked for.` });
      continue;
    }
    const reply = parsed.value;
    const draft: Blueprint = {
      schemaVersion: BLUEPRINT_SCHEMA_VERSION,
      id: generatedBlueprintId(domain.name, options.seed, options.index),
      domain: domain.name,
      userId: context.userId,
      persona: context.persona,
      instruction: reply.instruction,
      actions: reply.actions,
      outputs: reply.outputs,
      provenance: {
        kind: 'generated',
        seed: context.seed,
        generator: generator.id,
        context: {
          batch: { seed: options.seed, index: options.index },
          walk: context.walk,
          writeTools: context.writeTools,
          userId: context.userId,
          persona: context.persona,
          rules: context.rules.map((rule) => rule.name),
          fewShot: context.fewShot.map((example) => example.id),
          ...(reply.thought ? { thought: reply.thought } : {}),
        },
      },
      status: 'draft',
      createdAt: options.clock().toISOString(),
    };
    const validation = await options.validate(draft, signal);
    return { context, draft, validation, generatorCalls: call, ...(usage ? { generatorUsage: usage } : {}) };
  }
  return { context, problem: `the generator gave no usable reply in ${attempts} attempts (${problem})`, generatorCalls: attempts, ...(usage ? { generatorUsage: usage } : {}) };
}
