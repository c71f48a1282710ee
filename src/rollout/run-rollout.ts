import { createActor, toPromise } from 'xstate';
import type { Blueprint } from '../blueprints/blueprint.ts';
import { DomainState, type BaseState, type Domain } from '../domain-kit/index.ts';
import type { ChatModel } from '../models/index.ts';
import { gradeTrajectory } from './acceptance.ts';
import { gradingInputFor, type GradingOptions } from './grading/grading-options.ts';
import { FailedJobError, failedJobFor } from './failed-job.ts';
import type { HumanRole } from './human-role.ts';
import type { RolloutEventListener } from './rollout-events.ts';
import type { ProtocolNoteRole } from './protocol-notes.ts';
import { defaultRolloutLimits, rolloutMachine, type RolloutLimits } from './rollout-machine.ts';
import { isFailedJobTermination } from './termination.ts';
import { TRAJECTORY_SCHEMA_VERSION, type Trajectory } from './trajectory.ts';

export interface RunRolloutOptions {
  domain: Domain;
  base: BaseState;
  blueprint: Blueprint;
  attempt: number;
  /** Recorded in the trajectory; the offline policies and sampling are seeded from it by the caller. */
  seed: number;
  human: HumanRole;
  agent: ChatModel;
  limits?: Partial<RolloutLimits>;
  /** How protocol notes go to the agent: user-role text (the default) or system messages. */
  protocolNotes?: ProtocolNoteRole;
  /** Injected clock: timings come from it, never from the system clock. */
  clock: () => Date;
  signal?: AbortSignal;
  onEvent?: RolloutEventListener;
  /** Tried on blueprints whose gold run changes nothing and that expect no outputs. */
  judge?: (messages: Trajectory['messages']) => Promise<{ model: string; passed: boolean; reasoning: string }>;
  /** The outputs rule, and which blueprints are unvalidated. */
  grading?: GradingOptions;
}

export const trajectoryId = (blueprintId: string, attempt: number) => `${blueprintId}#${attempt}`;

/**
 * Runs one rollout of a blueprint on a private copy of the state and grades it. A rollout that ends as a
 * failed job (an outage, an endpoint rejection, a cancel: `isFailedJobTermination`) is not graded: it
 * rejects with a `FailedJobError` that carries the ending, the role and model that failed, and the usage.
 */
export async function runRollout(options: RunRolloutOptions): Promise<Trajectory> {
  const { domain, base, blueprint } = options;
  const startedAt = options.clock();
  const state = new DomainState(base);
  const actor = createActor(rolloutMachine, {
    input: {
      domain,
      state,
      human: options.human,
      agent: options.agent,
      limits: { ...defaultRolloutLimits, ...options.limits },
      ...(options.protocolNotes ? { protocolNotes: options.protocolNotes } : {}),
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    },
  });
  const listener = options.onEvent;
  // Why the run was cancelled, when the canceller said (a batch that stopped on an endpoint rejection does).
  const abort = () => {
    const reason: unknown = options.signal?.reason;
    actor.send({ type: 'ABORT', ...(reason instanceof Error && reason.message ? { detail: `cancelled: ${reason.message}` } : {}) });
  };
  options.signal?.addEventListener('abort', abort, { once: true });
  if (options.signal?.aborted) abort();
  actor.start();
  const output = await toPromise(actor).finally(() => options.signal?.removeEventListener('abort', abort));

  if (isFailedJobTermination(output.termination.reason)) throw new FailedJobError({ termination: output.termination, ...output.failure, usage: output.usage });

  const grade = { domain, base, blueprint, messages: output.messages, termination: output.termination.reason, ...gradingInputFor(blueprint.id, options.grading) };
  let verdict = gradeTrajectory(grade);
  if (verdict.reason === 'unverifiable' && options.judge) verdict = gradeTrajectory({ ...grade, judge: await judgeOrFail(options.judge, output.messages, output.usage) });
  listener?.({ type: 'verdict', verdict });
  const endedAt = options.clock();
  return {
    schemaVersion: TRAJECTORY_SCHEMA_VERSION,
    id: trajectoryId(blueprint.id, options.attempt),
    blueprintId: blueprint.id,
    domain: domain.name,
    attempt: options.attempt,
    seed: options.seed,
    models: { human: options.human.id, agent: options.agent.id },
    messages: output.messages,
    termination: output.termination,
    stats: output.stats,
    usage: output.usage,
    ...(output.humanScores.length > 0 ? { humanScores: output.humanScores } : {}),
    ...(output.interventions.length > 0 ? { interventions: output.interventions } : {}),
    finalStateHash: state.hash(),
    verdict,
    timings: { startedAt: startedAt.toISOString(), endedAt: endedAt.toISOString(), durationMs: Math.max(0, endedAt.getTime() - startedAt.getTime()) },
  };
}

/** The judge's verdict; a judge that could not answer makes the job a failed job (the agent is not to blame). */
async function judgeOrFail(judge: NonNullable<RunRolloutOptions['judge']>, messages: Trajectory['messages'], usage: Trajectory['usage']) {
  try {
    return await judge(messages);
  } catch (error) {
    throw new FailedJobError(failedJobFor(error, 'judge', 'judge', usage));
  }
}
