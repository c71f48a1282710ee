import type { Blueprint } from '../../blueprints/blueprint.ts';
import type { BaseState, Domain } from '../../domain-kit/index.ts';
import { gradeTrajectory } from '../acceptance.ts';
import { GoldActionError } from '../grading/gold-replay.ts';
import type { Trajectory } from '../trajectory.ts';
import type { Verdict } from '../verdict.ts';
import { agentToolSteps } from './agent-tool-steps.ts';
import { attributeFailure, type FailureAttribution } from './failure-attribution.ts';
import { alignWithGold, type GoldAlignment } from './gold-alignment.ts';
import { revealedFacts, type RevealedFact } from './revealed-facts.ts';
import { writeStateDiffs, type WriteStateDiff } from './write-state-diffs.ts';

/** Per-step diagnostics of one trajectory: plain JSON, for the report, `regrade` and the UIs. */
export interface TrajectoryDiagnostics {
  /** Each agent tool call as replayed: what ran, whether it worked, and whether the transcript agrees. */
  steps: { step: number; messageIndex: number; name: string; kind: string | undefined; ok: boolean; transcriptAgrees: boolean }[];
  alignment: GoldAlignment;
  writes: WriteStateDiff[];
  revealedFacts: RevealedFact[];
  attribution: FailureAttribution;
}

export interface DiagnoseInput {
  domain: Domain;
  /** The data the rollout started from. */
  base: BaseState;
  blueprint: Pick<Blueprint, 'actions' | 'outputs' | 'userId' | 'instruction'>;
  trajectory: Pick<Trajectory, 'messages' | 'termination' | 'interventions'>;
  /** The verdict to explain; graded afresh from the transcript when absent (never read from storage). */
  verdict?: Verdict;
}

/** Diagnoses one trajectory: a pure function of (blueprint, trajectory, domain, base data); no model. */
export function diagnoseTrajectory(input: DiagnoseInput): TrajectoryDiagnostics {
  const { domain, base, blueprint, trajectory } = input;
  const verdict = input.verdict ?? gradeOrUngradable(input);
  const steps = agentToolSteps(domain, base, trajectory.messages);
  const alignment = alignWithGold(domain, blueprint.actions, steps);
  const revealed = revealedFacts(blueprint.instruction, trajectory.messages);
  return {
    steps: steps.map((step) => ({ step: step.step, messageIndex: step.messageIndex, name: step.name, kind: step.kind, ok: step.ok, transcriptAgrees: step.storedResult === undefined || step.storedResult === step.result })),
    alignment,
    writes: writeStateDiffs(domain, base, blueprint.actions, steps),
    revealedFacts: revealed,
    attribution: attributeFailure({ domain, base, blueprint, trajectory, verdict, steps, alignment, revealed }),
  };
}

/** The verdict graded afresh, or undefined when the blueprint cannot grade (its gold fails: the blueprint's fault). */
function gradeOrUngradable({ domain, base, blueprint, trajectory }: DiagnoseInput): Verdict | undefined {
  try {
    return gradeTrajectory({ domain, base, blueprint, messages: trajectory.messages, termination: trajectory.termination.reason });
  } catch (error) {
    if (error instanceof GoldActionError) return undefined;
    throw error;
  }
}
