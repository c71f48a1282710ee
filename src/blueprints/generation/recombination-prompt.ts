import type { ChatMessage } from '../../models/index.ts';
import type { Blueprint } from '../blueprint.ts';

/** The heading of the machine-readable block of source blueprints (the offline generator reads it back). */
export const SOURCES_HEADING = '## Blueprints to combine (JSON)';

export const COMBINED_ANSWER_SHAPE = '{"thought": "<how you joined them>", "instruction": "<one instruction for everything, in the second person>"}';

/** The messages asking the generator for one instruction covering several validated blueprints of one customer. */
export function recombinationMessages(domain: string, sources: readonly Blueprint[]): ChatMessage[] {
  const shown = sources.map(({ id, instruction, actions, outputs }) => ({ id, instruction, actions, outputs }));
  return [
    {
      role: 'system',
      content: `You write briefs for simulated customers of a customer-service simulation (domain: ${domain}). Several tasks of the same customer have each been checked on their own; they are now joined into one longer conversation in which the customer asks for all of it. Write one instruction, in the second person ("Your name is ... You want to ..."), that asks for every request of the tasks in the order of their actions. Keep every detail that decides the outcome (order or reservation numbers, items and options, reasons, payment choices, what the customer wants to be told), say who the customer is once, and keep their manner. Add nothing the actions do not do. Answer with one JSON object and nothing else:\n${COMBINED_ANSWER_SHAPE}`,
    },
    { role: 'user', content: `${SOURCES_HEADING}\n\`\`\`json\n${JSON.stringify({ userId: sources[0]?.userId, sources: shown })}\n\`\`\`` },
  ];
}
