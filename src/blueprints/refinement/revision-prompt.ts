import type { FunctionToolSchema } from '../../domain-kit/index.ts';
import type { BlueprintDraft } from '../blueprint-draft.ts';

export interface RevisionSubject {
  domain: string;
  policy: string;
  tools: FunctionToolSchema[];
  draft: BlueprintDraft;
  /** The user's record in the base data, for real ids and values. */
  userRecord: unknown;
  feedback: string;
}

/** The exact JSON shape a revision must have, as the prompt shows it. */
export const REVISION_ANSWER_SHAPE =
  '{"thought": "<how you address the feedback>", "instruction": "<the new instruction>", "actions": [{"name": "<tool name>", "arguments": {...}}], "outputs": ["<fact the agent must tell>"]}';

/** The prompt that asks the generator to revise a blueprint from the feedback. */
export function revisionPrompt(subject: RevisionSubject): string {
  return `You write task blueprints for a customer-service simulation (domain: ${subject.domain}). A blueprint is an instruction to a simulated customer (what they want, in their own situation, with every detail they need), the exact tool calls a correct agent makes for them (actions), and the facts the agent must tell them (outputs). One of your blueprints failed validation; revise it so that it passes.

## Agent policy
${subject.policy.trim()}

## Tools (function schemas)
${JSON.stringify(subject.tools)}

## The customer's record (user id ${subject.draft.userId})
${JSON.stringify(subject.userRecord)}

## Your blueprint
Instruction: ${JSON.stringify(subject.draft.instruction)}
Actions: ${JSON.stringify(subject.draft.actions)}
Outputs: ${JSON.stringify(subject.draft.outputs)}

## Feedback
${subject.feedback.trim()}

Keep the same customer. Use only the tools above, with arguments their schemas accept and ids from the data. An action meant to fail may carry "expectError": true.
Answer with a single JSON object of exactly this shape:
${REVISION_ANSWER_SHAPE}`;
}
