import { createActor, toPromise } from 'xstate';
import type { Blueprint } from '../blueprints/blueprint.ts';
import { DomainState, type BaseState, type Domain } from '../domain-kit/index.ts';
import type { ChatModel } from '../models/index.ts';
import { gradeTrajectory } from './acceptance.ts';
import { gradingInputFor, type GradingOptions } from './grading/grading-options.ts';
import type { HumanRole } from './human-role.ts';
import type { RolloutEventListener } from './rollout-events.ts';
import { defaultRolloutLimits, rolloutMachine, type RolloutLimits } from './rollout-machine.ts';
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

/** Runs one rollout of a blueprint on a private copy of the state and grades it. */
export async function runRollout(options: RunRolloutOptions): Promise<Trajectory> {
  const { domain, base, blueprint } = options;
  const startedAt = options.clock();
  const state = new DomainState(base);
  const actor = createActor(rolloutMachine, {
    input: { domain, state, human: options.human, agent: options.agent, limits: { ...defaultRolloutLimits, ...options.limits } },
  });
  const listener = options.onEvent;
  if (listener) actor.on('*', (event) => listener(event));
  const abort = () => actor.send({ type: 'ABORT' });
  options.signal?.addEventListener('abort', abort, { once: true });
  if (options.signal?.aborted) abort();
  actor.start();
  const output = await toPromise(actor).finally(() => options.signal?.removeEventListener('abort', abort));

  const grade = { domain, base, blueprint, messages: output.messages, termination: output.termination.reason, ...gradingInputFor(blueprint.id, options.grading) };
  let verdict = gradeTrajectory(grade);
  if (verdict.reason === 'unverifiable' && options.judge) verdict = gradeTrajectory({ ...grade, judge: await options.judge(output.messages) });
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
