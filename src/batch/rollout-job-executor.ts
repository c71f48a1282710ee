import type { BaseState, Domain } from '../domain-kit/index.ts';
import type { ChatModel } from '../models/index.ts';
import type { ConversationJudgement } from '../rollout/conversation-judge.ts';
import type { GradingOptions } from '../rollout/grading/grading-options.ts';
import type { HumanRole } from '../rollout/human-role.ts';
import type { ProtocolNoteRole } from '../rollout/protocol-notes.ts';
import type { RolloutLimits } from '../rollout/rollout-machine.ts';
import { runRollout } from '../rollout/run-rollout.ts';
import type { Trajectory } from '../rollout/trajectory.ts';
import type { JobExecutor } from './job-runner.ts';
import type { RolloutJob } from './rollout-job.ts';

/** Who takes part in one job's rollout; `judge` decides blueprints the state check cannot verify. */
export interface RolloutRoles {
  human: HumanRole;
  agent: ChatModel;
  judge?: (messages: Trajectory['messages'], signal?: AbortSignal) => Promise<ConversationJudgement>;
}

export interface RolloutExecutorOptions {
  domain: Domain;
  base: BaseState;
  /** The human and agent of a job (offline policies, or model roles scoped to the job). */
  roles(job: RolloutJob): RolloutRoles;
  /** Timings of the trajectories come from it. */
  clock: () => Date;
  limits?: Partial<RolloutLimits>;
  /** The outputs rule, and which blueprints are unvalidated. */
  grading?: GradingOptions;
  /** How protocol notes go to the agent (user-role text by default). */
  protocolNotes?: ProtocolNoteRole;
}

/**
 * The executor every runner uses: one rollout of the job's blueprint, graded. A job that ends as a failed
 * job (outage, endpoint rejection, cancel) rejects with `FailedJobError`.
 */
export function createRolloutExecutor(options: RolloutExecutorOptions): JobExecutor {
  return (job, context) => {
    const { human, agent, judge } = options.roles(job);
    return runRollout({
      domain: options.domain,
      base: options.base,
      blueprint: job.blueprint,
      attempt: job.attempt,
      seed: job.seed,
      human,
      agent,
      clock: options.clock,
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.grading ? { grading: options.grading } : {}),
      ...(options.protocolNotes ? { protocolNotes: options.protocolNotes } : {}),
      signal: context.signal,
      onEvent: context.onEvent,
      ...(judge ? { judge: (messages: Trajectory['messages']) => judge(messages, context.signal) } : {}),
    });
  };
}
