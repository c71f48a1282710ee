import { parseJsonReply, type JsonReplyParse } from '../json-object-extraction.ts';
import { describeIssueMessage, formatProblemPath } from '../problem-path.ts';
import { reviewCriteria, reviewReplySchema, type ReviewReply } from '../validation-result.ts';

const criteria = new Set<PropertyKey>(reviewCriteria);

/**
 * Reads a reviewer's reply: the first JSON object in the text (prose and ```json fences around it are
 * fine) that has the review shape. The problem, when there is none, is worded for the model.
 */
export function parseReviewReply(text: string | null): JsonReplyParse<ReviewReply> {
  return parseJsonReply(text, (object) => {
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
  });
}
