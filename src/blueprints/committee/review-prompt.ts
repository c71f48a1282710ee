import type { FunctionToolSchema } from '../../domain-kit/index.ts';
import type { BlueprintAction } from '../blueprint.ts';
import type { ActionResultRecord } from '../stages/execution-check.ts';

/** Everything a reviewer sees about one blueprint. */
export interface ReviewSubject {
  domain: string;
  policy: string;
  tools: FunctionToolSchema[];
  userId: string;
  instruction: string;
  actions: BlueprintAction[];
  outputs: string[];
  /** The execution stage's reading of the state change. */
  diff: string;
  results: ActionResultRecord[];
}

/** The exact JSON shape a reviewer must answer with, as the prompt shows it. */
export const REVIEW_ANSWER_SHAPE =
  '{"reflection": "<your reasoning>", "correctness": 0 or 1, "completeness": 0 or 1, "satisfaction": 0 or 1, "creativity": 0 or 1, "correction": "<what to change, or an empty string>"}';

/** The one prompt each committee reviewer gets. */
export function reviewPrompt(subject: ReviewSubject): string {
  const results = subject.results.map((result) => `[${result.index}] ${result.name} -> ${result.ok ? 'ok' : 'error'}: ${result.content}`).join('\n');
  return `You sit on a review committee for task blueprints of a customer-service simulation (domain: ${subject.domain}).
A blueprint has three parts:
- the instruction: what a simulated customer wants, written to that customer;
- the actions: the exact tool calls a correct agent makes for this customer, in order;
- the outputs: facts the agent must tell the customer (an empty list when there are none).
The actions below were already run against the database; their results and the state change they caused are shown.

Score the blueprint on four criteria, 1 for yes and 0 for no:
- correctness: the actions are the right calls with the right arguments for what the instruction asks, and nothing in them breaks the policy;
- completeness: the instruction gives the customer every detail needed to reach this outcome (how to identify themselves, which items, which choices), and the actions and outputs cover every request the instruction makes;
- satisfaction: a customer whose conversation ends with exactly these actions and outputs got what they asked for;
- creativity: the request is realistic and specific to this customer, not a trivial or templated one.
Be strict: any wrong argument, missing request, ambiguity that would let a different sequence of actions be just as correct, or policy breach scores 0.

## Agent policy
${subject.policy.trim()}

## Tools (function schemas)
${JSON.stringify(subject.tools)}

## Blueprint
Customer user id: ${subject.userId}
Instruction: ${subject.instruction}
Actions: ${JSON.stringify(subject.actions)}
Outputs: ${JSON.stringify(subject.outputs)}

## Action results
${results || '(no actions)'}

## State change
${subject.diff}

Think it through, then answer with a single JSON object of exactly this shape and nothing after it:
${REVIEW_ANSWER_SHAPE}`;
}

/** What a reviewer is told when its answer could not be used, before it tries again. */
export function reviewRetryPrompt(problem: string): string {
  return `Your answer could not be used: ${problem}. Answer again with only one JSON object of this shape (each score the number 0 or 1):\n${REVIEW_ANSWER_SHAPE}`;
}
