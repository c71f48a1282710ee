import type { OutputsMatchRule } from './outputs-match.ts';

/** How a run grades its trajectories, beyond the blueprint and the transcript. */
export interface GradingOptions {
  /** The outputs rule (default `token`). */
  outputsMatch?: OutputsMatchRule;
  /** Blueprints that failed validation stages 1–3 and were rolled out anyway: their verdicts are marked. */
  unvalidatedBlueprints?: ReadonlySet<string>;
}

/** The grading fields of one blueprint's `GradeInput`. */
export function gradingInputFor(blueprintId: string, options: GradingOptions | undefined): { outputsMatch?: OutputsMatchRule; unvalidated?: boolean } {
  return {
    ...(options?.outputsMatch ? { outputsMatch: options.outputsMatch } : {}),
    ...(options?.unvalidatedBlueprints?.has(blueprintId) ? { unvalidated: true } : {}),
  };
}
