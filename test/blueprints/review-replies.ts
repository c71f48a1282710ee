import { textReply, type ScriptedReply } from '../../src/models/index.ts';
import type { ReviewReply } from '../../src/blueprints/validation-result.ts';

type Scores = [correctness: 0 | 1, completeness: 0 | 1, satisfaction: 0 | 1, creativity: 0 | 1];

/** A review with the four scores in criteria order. */
export function review(scores: Scores, correction = ''): ReviewReply {
  const [correctness, completeness, satisfaction, creativity] = scores;
  return { reflection: 'Checked the actions against the instruction and the policy.', correctness, completeness, satisfaction, creativity, correction };
}

/** A reviewer's reply that is the bare review JSON. */
export const reviewReply = (scores: Scores, correction = ''): ScriptedReply => textReply(JSON.stringify(review(scores, correction)));

/** A reviewer's reply with the review in prose and a ```json fence. */
export const fencedReviewReply = (scores: Scores): ScriptedReply =>
  textReply(`Here is my review of the blueprint.\n\n\`\`\`json\n${JSON.stringify(review(scores), null, 2)}\n\`\`\`\nLet me know if you need more.`);

export const allPass: Scores = [1, 1, 1, 1];
