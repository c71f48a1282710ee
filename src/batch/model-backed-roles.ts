import { createConversationJudge } from '../rollout/conversation-judge.ts';
import { createModelHuman } from '../rollout/model-human.ts';
import type { ModelStack, RoleModel } from './model-stack.ts';
import type { RolloutExecutorOptions } from './rollout-job-executor.ts';

export interface ModelBackedRoles {
  agent: RoleModel;
  human: RoleModel;
  /**
   * Judges conversations the state check cannot verify (gold changes nothing, no outputs expected); with
   * `bestOf`, also scores the human's candidate replies.
   */
  judge?: RoleModel;
  bestOf?: number;
}

/** The human and agent of a job, backed by models, every model scoped to the job (its cached answers are its own). */
export function modelBackedRoles(stack: ModelStack, roles: ModelBackedRoles): RolloutExecutorOptions['roles'] {
  const { agent, human, judge, bestOf } = roles;
  return (job) => ({
    agent: stack.scoped(agent, `${job.id}/agent`),
    ...(judge ? { judge: createConversationJudge(stack.scoped(judge, `${job.id}/conversation-judge`), job.blueprint.instruction) } : {}),
    human: createModelHuman(stack.scoped(human, `${job.id}/human`), {
      instruction: job.blueprint.instruction,
      ...(job.blueprint.persona ? { persona: job.blueprint.persona } : {}),
      ...(bestOf && judge ? { bestOf: { n: bestOf, judge: stack.scoped(judge, `${job.id}/judge`) } } : {}),
    }),
  });
}
