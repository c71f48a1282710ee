import { InvalidDataError } from '../domain-kit/index.ts';
import { trajectorySchema, type Trajectory } from '../rollout/trajectory.ts';
import { describeIssues } from './describe-issues.ts';

/** Parses one stored trajectory (already-decoded JSON); every problem is named by its field path. */
export function parseTrajectory(raw: unknown, source: string, what = 'not a valid trajectory'): Trajectory {
  const parsed = trajectorySchema.safeParse(raw);
  if (!parsed.success) throw new InvalidDataError(what, source, describeIssues(parsed.error));
  return parsed.data;
}
