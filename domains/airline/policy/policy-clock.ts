import { TODAY } from '../data/calendar.ts';

/** The policy's "now": 2024-05-15T15:00:00 EST, the moment the data (and tau-bench's) is seen at. */
export const POLICY_NOW = TODAY;

const HOUR_MILLISECONDS = 60 * 60 * 1000;

/** Milliseconds of a record timestamp (`YYYY-MM-DDTHH:MM:SS`, EST); every timestamp is read the same way. */
const instant = (timestamp: string) => Date.parse(`${timestamp}Z`);

/** Whether a reservation created at `createdAt` was booked within the 24 hours before now (a booking made now counts). */
export const bookedWithinLastDay = (createdAt: string): boolean => {
  const age = instant(POLICY_NOW) - instant(createdAt);
  return age <= 24 * HOUR_MILLISECONDS;
};
