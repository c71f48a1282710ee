import type { Domain } from '../../domain-kit/index.ts';
import type { ChatMessage } from '../../models/index.ts';
import type { GenerationContext } from './context-sampler.ts';
import { identificationTools } from './identification-call.ts';

/** The heading of the machine-readable context block (the offline generator reads it back). */
export const CONTEXT_HEADING = '## Sampled context (JSON)';

/** The JSON shape the generator must answer with, as the prompt shows it. */
export const GENERATOR_ANSWER_SHAPE =
  '{"thought": "<your plan>", "instruction": "<what the customer wants, in the second person>", "actions": [{"name": "<tool>", "arguments": {...}}], "outputs": ["<fact the agent must say>"]}';

const system = (domain: string, identification: readonly string[]) => `You design tasks for testing customer-service agents that use tools (domain: ${domain}). A task is a blueprint with three parts:
- instruction: the brief for a simulated customer. Write it in the second person ("Your name is ... You want to ..."). Give the customer the facts a real person would have: how to identify themselves (their name and zip code, or their email; in a domain without a lookup tool, their user id) and the numbers they could read on a receipt or a confirmation (an order number, a reservation code). Never give ids the agent has to look up itself (item ids, payment method ids, product ids). State every choice the customer will make (which items, which options, which payment method, the reason) so that exactly one outcome satisfies them. The persona decides how the customer talks, never what they want.
- actions: the tool calls, in order, that a correct agent makes to fulfil the instruction against the records given. Use exact tool names, parameter names and values from the records. The first action identifies the user, as the policy asks before anything is changed${identification.length > 0 ? ` (${identification.join(' or ')}, with the details the instruction gives the customer)` : ''}. Then list every call that changes data; add a read call only when an output depends on it. Every call must succeed on the records as given and follow the policy and the rules.
- outputs: short facts the agent must tell the customer (an amount, a status), exactly as a tool returns them; [] when nothing has to be said.
Answer with one JSON object and nothing else, of this shape:
${GENERATOR_ANSWER_SHAPE}`;

/** The generator's messages for a sampled context. */
export function generationMessages(domain: Domain, context: GenerationContext, options: { policyLimit?: number } = {}): ChatMessage[] {
  const identification = identificationTools(domain);
  const tools = domain.toolSchemas().filter((schema) => identification.includes(schema.function.name) || context.walk.includes(schema.function.name));
  const policy = domain.policy.trim();
  const limit = options.policyLimit ?? 12000;
  const sections = [
    `## Agent policy\n${policy === '' ? '(none given)' : policy.length > limit ? `${policy.slice(0, limit)}\n[...]` : policy}`,
    `## Tools to use (function schemas)\n${JSON.stringify(tools)}`,
    `## Rules that apply to these tools\n${context.rules.length === 0 ? '(none beyond the policy)' : context.rules.map((rule) => `- ${rule.name}: ${rule.description}`).join('\n')}`,
  ];
  if (context.fewShot.length > 0) {
    sections.push(`## Accepted tasks of this domain, as examples of the form (not of the content)\n${context.fewShot.map((example) => JSON.stringify({ instruction: example.instruction, actions: example.actions, outputs: example.outputs })).join('\n')}`);
  }
  const { fewShot: _fewShot, rules: _rules, ...shown } = context;
  sections.push(`${CONTEXT_HEADING}\n\`\`\`json\n${JSON.stringify(shown)}\n\`\`\``);
  sections.push(
    `Write one task for the user ${context.userId}. It should make the agent identify the user, then call ${context.writeTools.length > 0 ? context.writeTools.join(' and ') : 'the tools above'} (a plausible path through the tools: ${context.walk.join(' -> ')}) on records listed under "targets" (those the calls can act on). The customer's manner: ${context.persona}`,
  );
  return [
    { role: 'system', content: system(domain.name, identification) },
    { role: 'user', content: sections.join('\n\n') },
  ];
}
