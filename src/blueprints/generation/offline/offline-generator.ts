import { checkPolicy, DomainState, InterplayError, tracePolicy, type BaseState, type Domain } from '../../../domain-kit/index.ts';
import type { ChatModel, ChatRequest, ChatResponse } from '../../../models/index.ts';
import { seededRandom } from '../../../rollout/offline/seeded-random.ts';
import type { BlueprintAction } from '../../blueprint.ts';
import type { GenerationContext } from '../context-sampler.ts';
import { shuffle } from '../few-shot.ts';
import { CONTEXT_HEADING } from '../generation-prompt.ts';
import type { GeneratorReply } from '../generator-reply.ts';
import { SOURCES_HEADING } from '../recombination-prompt.ts';
import { writeTargets } from '../write-targets.ts';
import { airlineTemplates } from './airline-templates.ts';
import { joinInstructions } from './join-instructions.ts';
import { OFFLINE_GENERATOR_ID } from './offline-generator-id.ts';
import { retailTemplates } from './retail-templates.ts';
import { personaSentence, type DomainTemplates, type TemplateOutput } from './write-template.ts';

// The id is a module of its own so that declaring `blueprints generate --offline` (its help names the id) loads none of the generator.
export { OFFLINE_GENERATOR_ID };

export class OfflineGeneratorError extends InterplayError {
  override readonly name = 'OfflineGeneratorError';
}

const shippedTemplates: Readonly<Record<string, DomainTemplates>> = { retail: retailTemplates, airline: airlineTemplates };

export interface OfflineTemplateGeneratorOptions {
  domain: Domain;
  base: BaseState;
  /** The domain's templates (default: the shipped ones for retail and airline). */
  templates?: DomainTemplates;
}

/** Whether the offline generator has templates for a domain. */
export const hasOfflineTemplates = (domain: string) => Object.hasOwn(shippedTemplates, domain);

export function createOfflineTemplateGenerator(options: OfflineTemplateGeneratorOptions): ChatModel {
  const templates = options.templates ?? shippedTemplates[options.domain.name];
  if (!templates) throw new OfflineGeneratorError(`the offline generator has no templates for the ${options.domain.name} domain (it has ${Object.keys(shippedTemplates).join(', ')})`);
  return {
    id: OFFLINE_GENERATOR_ID,
    async complete(request: ChatRequest): Promise<ChatResponse> {
      request.signal?.throwIfAborted();
      const prompt = [...request.messages].reverse().find((message) => message.role === 'user')?.content ?? '';
      let answer: unknown;
      if (prompt.includes(CONTEXT_HEADING)) {
        answer = composeBlueprint(options.domain, options.base, templates, readBlock(prompt, CONTEXT_HEADING) as GenerationContext);
      } else if (prompt.includes(SOURCES_HEADING)) {
        const { sources } = readBlock(prompt, SOURCES_HEADING) as { sources: Array<{ id: string; instruction: string }> };
        answer = { thought: `Offline generator: joined the instructions of ${sources.map((source) => source.id).join(', ')}.`, instruction: joinInstructions(sources.map((source) => source.instruction)) };
      } else {
        throw new OfflineGeneratorError('the offline generator answers only blueprint generation and recombination prompts');
      }
      return { message: { role: 'assistant', content: JSON.stringify(answer) }, model: OFFLINE_GENERATOR_ID, finishReason: 'stop' };
    },
  };
}

function readBlock(prompt: string, heading: string): unknown {
  const start = prompt.indexOf(heading);
  const match = /```json\n([\s\S]*?)\n```/.exec(prompt.slice(start));
  if (!match) throw new OfflineGeneratorError(`the prompt has no JSON block under "${heading}"`);
  return JSON.parse(match[1] as string);
}

/**
 * Starts with the call that identifies the user, then fills a template for each write tool of the walk
 * on a target record of its own; when none of them fits, tries every template on whatever the user has.
 * Each request is kept only if its calls run on the state left by the earlier ones and the whole
 * sequence, identification included, breaks no policy rule.
 */
export function composeBlueprint(domain: Domain, base: BaseState, templates: DomainTemplates, context: Pick<GenerationContext, 'seed' | 'userId' | 'walk' | 'writeTools' | 'targets' | 'persona'>): GeneratorReply {
  const random = seededRandom((context.seed ^ 0x5eed) >>> 0);
  const { userId } = context;
  const identity = templates.identity(new DomainState(base), userId, context.walk, random);
  let state = new DomainState(base);
  const actions: BlueprintAction[] = [identity.action];
  const parts: Array<TemplateOutput & { tool: string; targetId: string }> = [];
  const used = new Set<string>();

  const attempt = (tool: string, targetIds: readonly string[]): boolean => {
    const template = templates.templates[tool];
    if (!template) return false;
    for (const targetId of shuffle(targetIds, random)) {
      if (used.has(targetId)) continue;
      const output = template({ state, userId, targetId, random });
      if (!output) continue;
      const trial = state.fork();
      if (!output.actions.every((action) => domain.execute(trial, action).ok)) continue;
      const violations = checkPolicy(domain.policyRules ?? [], tracePolicy(domain, base, userId, [...actions, ...output.actions]));
      if (violations.length > 0) continue;
      state = trial;
      used.add(targetId);
      actions.push(...output.actions);
      parts.push({ ...output, tool, targetId });
      return true;
    }
    return false;
  };

  for (const tool of context.writeTools) attempt(tool, context.targets[tool] ?? []);
  if (parts.length === 0) {
    for (const tool of shuffle(Object.keys(templates.templates), random)) {
      if (domain.tool(tool) && attempt(tool, writeTargets(domain, base, userId, tool))) break;
    }
  }
  const instruction = [identity.sentence, ...parts.map((part) => part.wish), personaSentence(context.persona)].join(' ');
  const thought =
    parts.length === 0
      ? `Offline template generator: no template fits user ${userId}.`
      : `Offline template generator: ${parts.map((part) => `${part.tool} on ${part.targetId}`).join(', ')}.`;
  return { thought, instruction, actions, outputs: [...new Set(parts.flatMap((part) => part.outputs))] };
}
