import { describe, expect, it } from 'vitest';
import { createReplyBatcher, type ScheduleFlush } from '../../src/models/index.ts';

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
    replies.complete(() => delivered.push('a'));
    expect(delivered).toEqual(['a']);
    expect(asked).toEqual([]);
  });

  it('holds a reply while another request is out, and hands the batch over in order when the last comes in', () => {
    const { schedule, asked } = manualSchedule();
    const replies = createReplyBatcher({ windowMs: 5, schedule });
    const delivered: string[] = [];
    for (let index = 0; index < 3; index++) replies.begin();
    replies.complete(() => delivered.push('a'));
    replies.complete(() => delivered.push('b'));
    expect(delivered).toEqual([]);
    // One timer for the batch, of the window's length.
    expect(asked.map((entry) => entry.ms)).toEqual([5]);
    replies.complete(() => delivered.push('c'));
    expect(delivered).toEqual(['a', 'b', 'c']);
    expect(asked[0]?.cancelled).toBe(true);
  });

  it('hands the batch over when the window ends, and starts the next batch afresh', () => {
    const { schedule, asked } = manualSchedule();
    const replies = createReplyBatcher({ windowMs: 5, schedule });
    const delivered: string[] = [];
    for (let index = 0; index < 3; index++) replies.begin();
    replies.complete(() => delivered.push('a'));
    asked[0]?.flush();
    expect(delivered).toEqual(['a']);
    replies.complete(() => delivered.push('b'));
    expect(delivered).toEqual(['a']);
    expect(asked).toHaveLength(2);
    replies.complete(() => delivered.push('c'));
    expect(delivered).toEqual(['a', 'b', 'c']);
  });

  it('hands the batch over when the last request out ends without a reply', () => {
    const { schedule } = manualSchedule();
    const replies = createReplyBatcher({ windowMs: 5, schedule });
    const delivered: string[] = [];
    replies.begin();
    replies.begin();
    replies.complete(() => delivered.push('a'));
    expect(delivered).toEqual([]);
    replies.abandon();
    expect(delivered).toEqual(['a']);
  });

  it('hands a batch over once it holds maxBatch replies', () => {
    const { schedule, asked } = manualSchedule();
    const replies = createReplyBatcher({ windowMs: 5, maxBatch: 2, schedule });
    const delivered: string[] = [];
    for (let index = 0; index < 4; index++) replies.begin();
    replies.complete(() => delivered.push('a'));
    expect(delivered).toEqual([]);
    replies.complete(() => delivered.push('b'));
    expect(delivered).toEqual(['a', 'b']);
    expect(asked[0]?.cancelled).toBe(true);
  });

  it('with a window of 0, hands every reply over at once', () => {
    const { schedule, asked } = manualSchedule();
    const replies = createReplyBatcher({ windowMs: 0, schedule });
    const delivered: string[] = [];
    replies.begin();
    replies.begin();
    replies.complete(() => delivered.push('a'));
    expect(delivered).toEqual(['a']);
    expect(asked).toEqual([]);
  });
});
