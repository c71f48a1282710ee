import { createModelHuman } from '../rollout/model-human.ts';
import type { ModelStack, RoleModel } from './model-stack.ts';
import type { RolloutExecutorOptions } from './rollout-job-executor.ts';

export interface ModelBackedRoles {
  agent: RoleModel;
  human: RoleModel;
  /** With `bestOf`: the human draws that many candidates and the judge keeps the best. */
  judge?: RoleModel;
  bestOf?: number;
}

/** The human and agent of a job, backed by models, every model scoped to the job (its cached answers are its own). */
export function modelBackedRoles(stack: ModelStack, roles: ModelBackedRoles): RolloutExecutorOptions['roles'] {
  const { agent, human, judge, bestOf } = roles;
  return (job) => ({
    agent: stack.scoped(agent, `${job.id}/agent`),
    human: createModelHuman(stack.scoped(human, `${job.id}/human`), {
      instruction: job.blueprint.instruction,
      ...(job.blueprint.persona ? { persona: job.blueprint.persona } : {}),
      ...(bestOf && judge ? { bestOf: { n: bestOf, judge: stack.scoped(judge, `${job.id}/judge`) } } : {}),
    }),
  });
}
