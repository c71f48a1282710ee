import type { Blueprint } from '../../blueprints/blueprint.ts';
import { InvalidDataError, type BaseState, type Domain } from '../../domain-kit/index.ts';
import { gradeTrajectory, type OutputsMatchRule } from '../../rollout/acceptance.ts';
import type { Trajectory } from '../../rollout/trajectory.ts';
import type { Verdict } from '../../rollout/verdict.ts';
import type { RunManifest } from '../run-manifest.ts';
import { readRunInputs, RUN_INPUTS_FILE } from '../run-inputs.ts';

/** A domain and the data it starts from. */
export interface GradingData {
  domain: Domain;
  base: BaseState;
}

/**
 * Loads a domain by name with a data folder (null: the domain's shipped data). The caller provides it,
 * since the store does not know the domains.
 */
export type LoadGradingData = (domain: string, dataFolder: string | null) => GradingData;

/** What grading a run's trajectories again needs: its blueprints, its data, and the outputs rule it used. */
export interface RunGrading extends GradingData {
  blueprints: ReadonlyMap<string, { blueprint: Blueprint; position: number }>;
  outputsMatch: OutputsMatchRule;
}

/** The outputs rule a run was graded with: recorded in its config (`outputsMatch`), `token` by default. */
export function outputsMatchOf(manifest: RunManifest): OutputsMatchRule {
  return manifest.config.outputsMatch === 'tau-bench' ? 'tau-bench' : 'token';
}

/**
 * Opens a run folder for grading: its inputs (blueprints and data folder) and its data, which must still
 * hash to what the run used. A run without inputs cannot be graded, so it cannot be exported.
 */
export async function openRunGrading(folder: string, manifest: RunManifest, loadData: LoadGradingData): Promise<RunGrading> {
  const inputs = await readRunInputs(folder).catch((error: unknown) => {
    throw new InvalidDataError(`cannot grade the run again, so nothing is exported: ${(error as Error).message} (a run folder keeps its blueprints and data folder in ${RUN_INPUTS_FILE})`, folder);
  });
  const { domain, base } = loadData(manifest.domain, inputs.dataFolder);
  if (base.hash() !== inputs.baseHash) {
    throw new InvalidDataError(`the data's state hash ${base.hash()} is not the one the run used (${inputs.baseHash}): its data folder ${inputs.dataFolder ?? '(shipped)'} changed`, folder);
  }
  const blueprints = new Map(inputs.blueprints.map((blueprint, position) => [blueprint.id, { blueprint, position }]));
  return { domain, base, blueprints, outputsMatch: outputsMatchOf(manifest) };
}

/**
 * The verdict of a stored trajectory, derived again from its messages against its blueprint and the
 * run's data (the stored verdict is not read, except a judge's decision, which needs a model to redo).
 */
export function regradeTrajectory(trajectory: Trajectory, grading: RunGrading, source: string): { verdict: Verdict; blueprint: Blueprint; position: number } {
  const entry = grading.blueprints.get(trajectory.blueprintId);
  if (!entry) throw new InvalidDataError(`trajectory ${trajectory.id} names blueprint ${trajectory.blueprintId}, which is not among the run's inputs`, source);
  const verdict = gradeTrajectory({
    domain: grading.domain,
    base: grading.base,
    blueprint: entry.blueprint,
    messages: trajectory.messages,
    termination: trajectory.termination.reason,
    outputsMatch: grading.outputsMatch,
    ...(trajectory.verdict.judge ? { judge: trajectory.verdict.judge } : {}),
  });
  return { verdict, ...entry };
}

/** tau-bench's integer task id of a blueprint: its task index when imported from tau-bench, else its position in the run's inputs. */
export function tauBenchTaskId(blueprint: Blueprint, position: number): number {
  const { provenance } = blueprint;
  return provenance.kind === 'imported' && provenance.source === 'tau-bench' && provenance.taskIndex !== undefined ? provenance.taskIndex : position;
}
