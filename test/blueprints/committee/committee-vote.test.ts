import { describe, expect, it } from 'vitest';
import { committeeStageResult, majorityOf, quorumDeniedByFailures, tallyVotes } from '../../../src/blueprints/committee/committee-vote.ts';
import type { CommitteeReview } from '../../../src/blueprints/validation-result.ts';
import { review } from '../review-replies.ts';

type Scores = Parameters<typeof review>[0];
const voter = (name: string, scores: Scores): CommitteeReview => ({ reviewer: name, abstained: false, reply: review(scores), attempts: 1 });
const abstainer = (name: string): CommitteeReview => ({ reviewer: name, abstained: true, problem: 'the reply contains no JSON object', attempts: 2 });
const problemsOf = (reviews: CommitteeReview[], threshold?: number) => committeeStageResult(tallyVotes(reviews, threshold), reviews);

describe('the committee vote', () => {
  it('accepts a unanimous committee', () => {
    const reviews = [voter('a', [1, 1, 1, 1]), voter('b', [1, 1, 1, 1]), voter('c', [1, 1, 1, 1])];
    const vote = tallyVotes(reviews);
    expect(vote).toMatchObject({ accepted: true, quorum: true, voters: 3, abstentions: 0, passedCriteria: 4, threshold: 4 });
    expect(vote.criteria.correctness).toEqual({ yes: 3, no: 0, passed: true });
    expect(problemsOf(reviews)).toMatchObject({ stage: 'committee', passed: true, problems: [] });
  });

  it('passes a criterion on a 2–1 majority and fails it on a 1–2 minority', () => {
    const reviews = [voter('a', [1, 1, 1, 0]), voter('b', [1, 0, 1, 0]), voter('c', [0, 1, 1, 1])];
    const vote = tallyVotes(reviews);
    expect(vote.criteria.correctness).toEqual({ yes: 2, no: 1, passed: true });
    expect(vote.criteria.completeness).toEqual({ yes: 2, no: 1, passed: true });
    expect(vote.criteria.creativity).toEqual({ yes: 1, no: 2, passed: false });
    expect(vote).toMatchObject({ accepted: false, passedCriteria: 3 });
    expect(problemsOf(reviews).problems).toEqual(['creativity: 1 of 3 voting reviewers gave 1', '3 of 4 criteria passed, 4 needed']);
  });

  it('accepts with a lower threshold when enough criteria pass', () => {
    const reviews = [voter('a', [1, 1, 1, 0]), voter('b', [1, 1, 1, 0]), voter('c', [1, 1, 1, 1])];
    expect(tallyVotes(reviews, 3)).toMatchObject({ accepted: true, passedCriteria: 3 });
    expect(problemsOf(reviews, 3)).toMatchObject({ passed: true, problems: [] });
  });

  it('fails a criterion on a tie in an even committee', () => {
    const reviews = [voter('a', [1, 1, 1, 1]), voter('b', [1, 1, 0, 1])];
    const vote = tallyVotes(reviews);
    expect(vote.criteria.satisfaction).toEqual({ yes: 1, no: 1, passed: false });
    expect(vote.accepted).toBe(false);
    expect(problemsOf(reviews).problems).toEqual(['satisfaction: 1 of 2 voting reviewers gave 1 (a tie fails)', '3 of 4 criteria passed, 4 needed']);
    const four = [voter('a', [1, 1, 1, 1]), voter('b', [1, 1, 1, 1]), voter('c', [1, 1, 1, 0]), voter('d', [0, 1, 1, 0])];
    expect(tallyVotes(four).criteria.correctness).toEqual({ yes: 3, no: 1, passed: true });
    expect(tallyVotes(four).criteria.creativity).toEqual({ yes: 2, no: 2, passed: false });
  });

  it('leaves abstentions out of the vote', () => {
    const majority = [voter('a', [1, 1, 1, 1]), abstainer('b'), voter('c', [1, 1, 1, 1])];
    expect(tallyVotes(majority)).toMatchObject({ accepted: true, voters: 2, abstentions: 1 });
    const split = [voter('a', [1, 1, 1, 1]), abstainer('b'), voter('c', [0, 1, 1, 1])];
    expect(tallyVotes(split)).toMatchObject({ accepted: false, voters: 2, abstentions: 1 });
    expect(problemsOf(split).problems).toEqual(['correctness: 1 of 2 voting reviewers gave 1 (a tie fails)', '3 of 4 criteria passed, 4 needed']);
  });

  it('needs a quorum of voters (default: a majority of the committee): one voter of three neither approves nor rejects', () => {
    const lone = [abstainer('a'), abstainer('b'), voter('c', [1, 1, 1, 1])];
    expect(tallyVotes(lone)).toMatchObject({ decision: 'no-quorum', accepted: false, quorum: false, voters: 1, abstentions: 2, minVoters: 2 });
    expect(problemsOf(lone).problems).toEqual([
      'no quorum: 1 of 3 reviewers voted, 2 needed',
      'a abstained after 2 attempts: the reply contains no JSON object',
      'b abstained after 2 attempts: the reply contains no JSON object',
    ]);
    const loneNo = [abstainer('a'), abstainer('b'), voter('c', [0, 0, 0, 0])];
    expect(tallyVotes(loneNo)).toMatchObject({ decision: 'no-quorum', accepted: false });
    expect(tallyVotes(lone, 4, 1)).toMatchObject({ decision: 'accepted', accepted: true, minVoters: 1 });
    expect(tallyVotes([voter('a', [1, 1, 1, 1]), abstainer('b'), abstainer('c'), voter('d', [1, 1, 1, 1])])).toMatchObject({ decision: 'no-quorum', minVoters: 3 });
    expect(tallyVotes([voter('a', [1, 1, 1, 1])])).toMatchObject({ decision: 'accepted', minVoters: 1 });
  });

  it('tells a quorum lost to failed reviewer calls from one lost to unusable replies', () => {
    const failer = (name: string): CommitteeReview => ({ reviewer: name, abstained: true, failed: true, problem: 'model x unavailable (server-error 500) after 3 attempts: boom', attempts: 3 });
    const outage = tallyVotes([voter('a', [1, 1, 1, 1]), failer('b'), failer('c')]);
    expect(outage).toMatchObject({ decision: 'no-quorum', failures: 2 });
    expect(quorumDeniedByFailures(outage)).toBe(true);
    expect(quorumDeniedByFailures(tallyVotes([failer('a'), failer('b'), failer('c')]))).toBe(true);
    expect(quorumDeniedByFailures(tallyVotes([abstainer('a'), abstainer('b'), failer('c')]))).toBe(false);
    expect(quorumDeniedByFailures(tallyVotes([voter('a', [1, 1, 1, 1]), voter('b', [1, 1, 1, 1]), failer('c')]))).toBe(false);
    expect(problemsOf([failer('a'), abstainer('b'), voter('c', [1, 1, 1, 1])]).problems).toContain('a failed after 3 attempts: model x unavailable (server-error 500) after 3 attempts: boom');
  });

  it('with a quorum, still says why a reviewer did not vote: as a warning, never as a problem of the blueprint', () => {
    const failer: CommitteeReview = { reviewer: 'c', abstained: true, failed: true, problem: 'model c rejected the request (400): too long', attempts: 1 };
    const result = problemsOf([voter('a', [1, 1, 1, 1]), voter('b', [1, 1, 1, 1]), failer]);
    expect(result).toMatchObject({ passed: true, problems: [], warnings: ['c failed after 1 attempt: model c rejected the request (400): too long'] });
    expect(problemsOf([voter('a', [1, 1, 1, 1]), voter('b', [1, 1, 1, 1]), voter('c', [1, 1, 1, 1])])).not.toHaveProperty('warnings');
  });

  it('refuses a minimum of voters outside 1 to the committee size', () => {
    expect(() => tallyVotes([voter('a', [1, 1, 1, 1])], 4, 2)).toThrow("the minimum number of voters must be a whole number from 1 to the committee's size (1), got 2");
    expect(() => tallyVotes([voter('a', [1, 1, 1, 1])], 4, 0)).toThrow(RangeError);
    expect(majorityOf(3)).toBe(2);
    expect(majorityOf(4)).toBe(3);
  });

  it('fails without a quorum when every reviewer abstains, whatever the threshold', () => {
    const reviews = [abstainer('a'), abstainer('b'), abstainer('c')];
    expect(tallyVotes(reviews, 1)).toMatchObject({ accepted: false, quorum: false, voters: 0, passedCriteria: 0 });
    expect(problemsOf(reviews, 1).problems).toEqual([
      'no quorum: all 3 reviewers abstained',
      'a abstained after 2 attempts: the reply contains no JSON object',
      'b abstained after 2 attempts: the reply contains no JSON object',
      'c abstained after 2 attempts: the reply contains no JSON object',
    ]);
  });

  it('refuses a threshold outside 1–4', () => {
    expect(() => tallyVotes([], 0)).toThrow('the committee threshold must be a whole number from 1 to 4, got 0');
    expect(() => tallyVotes([], 5)).toThrow(RangeError);
  });
});
