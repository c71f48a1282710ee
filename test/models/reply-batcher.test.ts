import { describe, expect, it } from 'vitest';
import { createReplyBatcher, type ScheduleFlush } from '../../src/models/index.ts';

/** How long each call took: its reply may wait 5 % of it, the 5 ms window. */
const CALL_MS = 100;

/** A scheduler the test drives: it records each flush asked for and runs it only when told. */
function manualSchedule() {
  const asked: { ms: number; flush: () => void; cancelled: boolean }[] = [];
  const schedule: ScheduleFlush = (flush, ms) => {
    const entry = { ms, flush, cancelled: false };
    asked.push(entry);
    return () => void (entry.cancelled = true);
  };
  return { schedule, asked };
}

describe('createReplyBatcher', () => {
  it('hands a lone reply over at once, with no timer', () => {
    const { schedule, asked } = manualSchedule();
    const replies = createReplyBatcher({ windowMs: 5, schedule });
    const delivered: string[] = [];
    replies.begin();
    replies.complete(() => delivered.push('a'), CALL_MS);
    expect(delivered).toEqual(['a']);
    expect(asked).toEqual([]);
  });

  it('holds a reply while another request is out, and hands the batch over in order when the last comes in', () => {
    const { schedule, asked } = manualSchedule();
    const replies = createReplyBatcher({ windowMs: 5, schedule });
    const delivered: string[] = [];
    for (let index = 0; index < 3; index++) replies.begin();
    replies.complete(() => delivered.push('a'), CALL_MS);
    replies.complete(() => delivered.push('b'), CALL_MS);
    expect(delivered).toEqual([]);
    // One timer for the batch, of the window's length.
    expect(asked.map((entry) => entry.ms)).toEqual([5]);
    replies.complete(() => delivered.push('c'), CALL_MS);
    expect(delivered).toEqual(['a', 'b', 'c']);
    expect(asked[0]?.cancelled).toBe(true);
  });

  it('hands the batch over when the window ends, and starts the next batch afresh', () => {
    const { schedule, asked } = manualSchedule();
    const replies = createReplyBatcher({ windowMs: 5, schedule });
    const delivered: string[] = [];
    for (let index = 0; index < 3; index++) replies.begin();
    replies.complete(() => delivered.push('a'), CALL_MS);
    asked[0]?.flush();
    expect(delivered).toEqual(['a']);
    replies.complete(() => delivered.push('b'), CALL_MS);
    expect(delivered).toEqual(['a']);
    expect(asked).toHaveLength(2);
    replies.complete(() => delivered.push('c'), CALL_MS);
    expect(delivered).toEqual(['a', 'b', 'c']);
  });

  it('hands the batch over when the last request out ends without a reply', () => {
    const { schedule } = manualSchedule();
    const replies = createReplyBatcher({ windowMs: 5, schedule });
    const delivered: string[] = [];
    replies.begin();
    replies.begin();
    replies.complete(() => delivered.push('a'), CALL_MS);
    expect(delivered).toEqual([]);
    replies.abandon();
    expect(delivered).toEqual(['a']);
  });

  it('hands a batch over once it holds maxBatch replies', () => {
    const { schedule, asked } = manualSchedule();
    const replies = createReplyBatcher({ windowMs: 5, maxBatch: 2, schedule });
    const delivered: string[] = [];
    for (let index = 0; index < 4; index++) replies.begin();
    replies.complete(() => delivered.push('a'), CALL_MS);
    expect(delivered).toEqual([]);
    replies.complete(() => delivered.push('b'), CALL_MS);
    expect(delivered).toEqual(['a', 'b']);
    expect(asked[0]?.cancelled).toBe(true);
  });

  it("holds a reply at most 5 % of its own call's time: a fast call's reply not at all, and an earlier deadline brings the batch forward", () => {
    const { schedule, asked } = manualSchedule();
    let clock = 0;
    const replies = createReplyBatcher({ windowMs: 5, schedule, now: () => clock });
    const delivered: string[] = [];
    for (let index = 0; index < 4; index++) replies.begin();
    replies.complete(() => delivered.push('slow'), 100);
    clock = 1;
    replies.complete(() => delivered.push('quicker'), 40);
    // Due at 5 for the first, at 1 + 2 = 3 for the second: the batch's timer is moved to the earlier one.
    expect(asked.map((entry) => [entry.ms, entry.cancelled])).toEqual([
      [5, true],
      [2, false],
    ]);
    expect(delivered).toEqual([]);
    replies.complete(() => delivered.push('fast'), 10);
    // Half a millisecond is all that one may wait: the batch goes at once.
    expect(delivered).toEqual(['slow', 'quicker', 'fast']);
  });

  it('with a window of 0, hands every reply over at once', () => {
    const { schedule, asked } = manualSchedule();
    const replies = createReplyBatcher({ windowMs: 0, schedule });
    const delivered: string[] = [];
    replies.begin();
    replies.begin();
    replies.complete(() => delivered.push('a'), CALL_MS);
    expect(delivered).toEqual(['a']);
    expect(asked).toEqual([]);
  });
});
