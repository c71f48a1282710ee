import { describe, expect, it } from 'vitest';
import { parseReviewReply } from '../../../src/blueprints/committee/review-reply.ts';
import { extractJsonObjects } from '../../../src/blueprints/json-object-extraction.ts';
import { review } from '../review-replies.ts';

const valid = review([1, 0, 1, 1], 'Name the item to return.');

describe('reading a reviewer reply', () => {
  it('takes the bare JSON object', () => {
    expect(parseReviewReply(JSON.stringify(valid))).toEqual({ ok: true, value: valid });
  });

  it('finds the object inside ```json fences and prose', () => {
    const text = `Let me think. The refund matches.\n\n\`\`\`json\n${JSON.stringify(valid, null, 2)}\n\`\`\`\nThat is my verdict.`;
    expect(parseReviewReply(text)).toEqual({ ok: true, value: valid });
  });

  it('skips an earlier object that is not a review, and braces inside strings', () => {
    const withBraces = { ...valid, reflection: 'The {order} and "quoted }" text are fine.' };
    const text = `The diff was {"status": "cancelled"}. Review: ${JSON.stringify(withBraces)} (end)`;
    expect(parseReviewReply(text)).toEqual({ ok: true, value: withBraces });
  });

  it('names the problem when there is no usable review', () => {
    expect(parseReviewReply('')).toEqual({ ok: false, problem: 'the reply was empty' });
    expect(parseReviewReply(null)).toEqual({ ok: false, problem: 'the reply was empty' });
    expect(parseReviewReply('{"reflection": 3, "correctness": 1, "completeness": 1, "satisfaction": 1, "creativity": 0}')).toEqual({
      ok: false,
      problem: 'the JSON object does not have the review shape (reflection: expected string, received number; correction: missing (expected string))',
    });
    expect(parseReviewReply('Looks good to me, 4/4.')).toEqual({ ok: false, problem: 'the reply contains no JSON object' });
    expect(parseReviewReply('{"reflection": "ok", "correctness": 1, "completeness": "1", "satisfaction": 1, "correction": ""}')).toEqual({
      ok: false,
      problem: 'the JSON object does not have the review shape (completeness: is "1", expected the number 0 or 1; creativity: missing, expected the number 0 or 1)',
    });
  });

  it('takes the last review when a draft comes before the final answer, and ignores <think> spans', () => {
    const draft = review([0, 0, 0, 0]);
    expect(parseReviewReply(`Draft: ${JSON.stringify(draft)}\nOn reflection, final: ${JSON.stringify(valid)}`)).toEqual({ ok: true, value: valid });
    expect(parseReviewReply(`<think>${JSON.stringify(valid)}</think>\n${JSON.stringify(draft)}`)).toEqual({ ok: true, value: draft });
    expect(parseReviewReply(`<THINK>${JSON.stringify(draft)}</THINK>`)).toEqual({ ok: false, problem: 'the reply was empty' });
    expect(parseReviewReply(`thinking aloud ${JSON.stringify(draft)}</think>${JSON.stringify(valid)}`)).toEqual({ ok: true, value: valid });
    expect(parseReviewReply(`${JSON.stringify(valid)}<think>cut off by the token limit ${JSON.stringify(draft)}`)).toEqual({ ok: true, value: valid });
  });

  it('extracts every top-level object in order, ignoring broken ones', () => {
    expect(extractJsonObjects('a {"x": {"y": 1}} b {broken c {"z": "}"}')).toEqual([{ x: { y: 1 } }, { z: '}' }]);
  });
});
