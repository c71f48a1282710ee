import type { Blueprint } from '../../blueprints/blueprint.ts';
import type { BaseState, Domain } from '../../domain-kit/index.ts';
import type { Trajectory } from '../trajectory.ts';
import { diagnoseTrajectory, type TrajectoryDiagnostics } from './diagnose-trajectory.ts';

/** Diagnoses a rejected trajectory of a run; undefined when it was kept or its blueprint is unknown. */
export type TrajectoryDiagnoser = (trajectory: Trajectory) => TrajectoryDiagnostics | undefined;

/**
 * The diagnoser of a run: its domain, the data it started from and its blueprints (by id). Each rejected
 * trajectory is diagnosed against the verdict it carries (the live views show that verdict beside it).
 */
export function trajectoryDiagnoser(domain: Domain, base: BaseState, blueprints: Iterable<Blueprint>): TrajectoryDiagnoser {
  const byId = new Map([...blueprints].map((blueprint) => [blueprint.id, blueprint]));
  return (trajectory) => {
    const blueprint = byId.get(trajectory.blueprintId);
    if (!blueprint || trajectory.verdict.kept) return undefined;
    return diagnoseTrajectory({ domain, base, blueprint, trajectory, verdict: trajectory.verdict });
  };
}
