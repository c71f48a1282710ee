import { describe, expect, it } from 'vitest';
import { retail } from '../../domains/retail/index.ts';
import { offlineRoles } from '../../src/batch/offline-roles.ts';
import { planJobs } from '../../src/batch/rollout-job.ts';
import type { ChatModel, ChatRequest } from '../../src/models/index.ts';
import { runRollout } from '../../src/rollout/run-rollout.ts';
import { cancelBlueprint, retailBase, tickingClock } from '../support/default-retail.ts';

const [job] = planJobs([cancelBlueprint()], 1, 7);

async function rollout(served?: (policy: ChatModel) => ChatModel) {
  const roles = offlineRoles(retail as never, job!, 'fallible', served);
  return runRollout({ domain: retail as never, base: retailBase() as never, blueprint: job!.blueprint, attempt: 0, seed: job!.seed, ...roles, clock: tickingClock() });
}

describe('the offline roles', () => {
  it('serve each policy through the given wrapper, where a model sits, without changing the trajectory', async () => {
    const requests: Record<string, ChatRequest[]> = {};
    const served = (policy: ChatModel): ChatModel => ({
      id: policy.id,
      complete: (request) => {
        (requests[policy.id] ??= []).push(request);
        return policy.complete(request);
      },
    });
    const plain = await rollout();
    const wrapped = await rollout(served);
    expect(wrapped).toEqual(plain);
    // The human's policy gets the human's request (its own system prompt); the agent's gets the agent's (policy and tools).
    const human = requests['offline:scripted-human'] ?? [];
    const agent = requests['offline:fallible-agent'] ?? [];
    expect(human.length).toBe(plain.usage.human?.calls);
    expect(agent.length).toBe(plain.usage.agent?.calls);
    expect(human[0]?.messages[0]?.content).toContain(`Instruction: ${job!.blueprint.instruction}`);
    expect(human[0]?.tools).toBeUndefined();
    expect(agent[0]?.messages[0]?.content).toBe(retail.policy);
    expect(agent[0]?.tools?.length).toBeGreaterThan(0);
  });
});
