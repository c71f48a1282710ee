import type { BlueprintDraft } from '../blueprint-draft.ts';
import type { CommitteeReview, StageResult } from '../validation-result.ts';

export interface FeedbackSubject {
  domain: string;
  draft: BlueprintDraft;
  /** The stage results of the failed round (the failing stage is the last one that ran). */
  checks: readonly StageResult[];
  reviews?: readonly CommitteeReview[];
}

function describeChecks(checks: readonly StageResult[]): string {
  return checks
    .map((check) => {
      if (check.skipped) return `- ${check.stage}: skipped`;
      if (check.passed) return `- ${check.stage}: passed`;
      return [`- ${check.stage}: FAILED`, ...check.problems.map((problem) => `    - ${problem}`)].join('\n');
    })
    .join('\n');
}

function describeReviews(reviews: readonly CommitteeReview[]): string {
  return reviews
    .map((review, index) => {
      if (review.abstained || !review.reply) return `Reviewer ${index + 1} (${review.reviewer}) abstained: ${review.problem ?? 'no usable review'}`;
      const { reflection, correction, ...scores } = review.reply;
      return `Reviewer ${index + 1} (${review.reviewer}) scored ${JSON.stringify(scores)}\n  Reflection: ${reflection}\n  Correction: ${correction || '(none)'}`;
    })
    .join('\n');
}

/** The prompt that asks the feedback model to turn a failed round into instructions for the author. */
export function feedbackPrompt(subject: FeedbackSubject): string {
  const reviews = subject.reviews && subject.reviews.length > 0 ? `\n\n## Committee reviews\n${describeReviews(subject.reviews)}` : '';
  return `A task blueprint for a customer-service simulation (domain: ${subject.domain}) failed validation. Its author will revise it from your feedback alone.

## The blueprint
Customer user id: ${subject.draft.userId}
Instruction: ${JSON.stringify(subject.draft.instruction)}
Actions: ${JSON.stringify(subject.draft.actions)}
Outputs: ${JSON.stringify(subject.draft.outputs)}

## Validation results
${describeChecks(subject.checks)}${reviews}

Summarise what went wrong and say precisely what to change, as a short numbered list of concrete edits (which action, which argument, which sentence of the instruction, which output). Do not rewrite the blueprint yourself. Answer with the list only.`;
}
