import { parseJsonReply, type JsonReplyParse } from '../json-object-extraction.ts';
import { describeIssueMessage, formatProblemPath } from '../problem-path.ts';
import { replyWithoutThinking } from '../reply-without-thinking.ts';
import { reviewCriteria, reviewReplySchema, type ReviewReply } from '../validation-result.ts';

const criteria = new Set<PropertyKey>(reviewCriteria);

/**
 * Reads a reviewer's reply (its `content` only: the model's separated `reasoning` is never read as the
 * review). Any `<think>…</think>` left in the text is ignored, and the review is the LAST JSON object
 * with the review shape (prose and ```json fences around it are fine): the prompt asks for the answer
 * at the end, so a draft written before it is never taken instead. The problem, when there is none, is
 * worded for the model.
 */
export function parseReviewReply(text: string | null): JsonReplyParse<ReviewReply> {
  return parseJsonReply(
    text === null ? null : replyWithoutThinking(text),
    (object) => {
      const parsed = reviewReplySchema.safeParse(object);
      if (parsed.success) return { ok: true, value: parsed.data };
      const problems = parsed.error.issues.map((issue) => {
        const field = issue.path[0];
        if (issue.path.length === 1 && field !== undefined && criteria.has(field)) {
          const value = object[field as string];
          return `${String(field)}: ${value === undefined ? 'missing' : `is ${JSON.stringify(value)}`}, expected the number 0 or 1`;
        }
        return `${formatProblemPath(issue.path, '(reply)')}: ${describeIssueMessage(issue)}`;
      });
      return { ok: false, problem: `the JSON object does not have the review shape (${problems.join('; ')})` };
    },
    { prefer: 'last' },
  );
}
