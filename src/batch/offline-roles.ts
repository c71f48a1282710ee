import type { Domain } from '../domain-kit/index.ts';
import type { ChatModel } from '../models/index.ts';
import type { HumanRole } from '../rollout/human-role.ts';
import { createModelHuman } from '../rollout/model-human.ts';
import { createFallibleAgent, OracleAgent, ScriptedHuman } from '../rollout/offline/index.ts';
import type { RolloutJob } from './rollout-job.ts';

export type OfflineAgentKind = 'oracle' | 'fallible';

/**
 * The offline policies for one job — a scripted human and the oracle or fallible agent — seeded from
 * the job. No model is involved; trajectories record these policies' `offline:` ids. `served` wraps each
 * policy where a model would sit (a benchmark adds a model's latency there: the request it was sent is
 * then held while it "thinks", as with a real model).
 */
export function offlineRoles(domain: Domain, job: RolloutJob, agentKind: OfflineAgentKind, served: (policy: ChatModel) => ChatModel = (policy) => policy): { human: HumanRole; agent: ChatModel } {
  const { blueprint } = job;
  const human = createModelHuman(served(new ScriptedHuman({ instruction: blueprint.instruction, seed: job.seed })), { instruction: blueprint.instruction });
  const oracle = { domain, actions: blueprint.actions, outputs: blueprint.outputs };
  const agent = served(agentKind === 'oracle' ? new OracleAgent(oracle) : createFallibleAgent(oracle, job.seed).agent);
  return { human, agent };
}
