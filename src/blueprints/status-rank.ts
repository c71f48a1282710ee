import type { BlueprintStatus } from './blueprint.ts';
import type { ValidationStatus } from './validation-machine.ts';

/**
 * How good a blueprint's status is, for deciding whether a new result may replace a stored one:
 * approved > validated > undecided > draft > unfinished > rejected. An accepted blueprint is never
 * replaced by one the committee could not decide, one whose validation did not finish, or a rejection
 * (unless forced). Undecided and unfinished results are never written at all (the file keeps its
 * status); they are ranked only so the order is complete.
 */
const ranks: Record<BlueprintStatus | ValidationStatus | 'unfinished', number> = {
  approved: 5,
  validated: 4,
  undecided: 3,
  draft: 2,
  unfinished: 1,
  rejected: 0,
};

/** Whether `next` is worse than `stored` (so writing it over the stored file needs --force). */
export const isWorseStatus = (next: keyof typeof ranks, stored: keyof typeof ranks): boolean => ranks[next] < ranks[stored];
