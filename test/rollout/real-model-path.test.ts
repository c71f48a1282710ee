import { afterEach, describe, expect, it } from 'vitest';
import { retail } from '../../domains/retail/index.ts';
import { DomainState } from '../../src/domain-kit/index.ts';
import { completionReply, createOpenAIChatModel, errorReply, ScriptedChatModel, startChatCompletionsServer, type ChatResponse } from '../../src/models/index.ts';
import { createModelHuman } from '../../src/rollout/model-human.ts';
import { ScriptedHuman } from '../../src/rollout/offline/index.ts';
import { FailedJobError } from '../../src/rollout/failed-job.ts';
import { defaultRolloutLimits, rolloutMachine } from '../../src/rollout/rollout-machine.ts';
import { cancelBlueprint, pendingOrder, retailBase } from '../support/default-retail.ts';
import { rollout, scriptedHuman } from './support/rollout-harness.ts';
import { createActor, toPromise } from 'xstate';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

describe('a rollout over the real OpenAI SDK path (loopback chat-completions server)', () => {
  it('runs the agent through HTTP: 429 then success, tool calls, usage recorded, trajectory kept', async () => {
    const blueprint = cancelBlueprint();
    const order = pendingOrder();
    const script = [
      () => errorReply(429, { message: 'slow down', headers: { 'retry-after-ms': '1' } }),
      () => completionReply({ toolCalls: [{ id: 'c1', name: 'cancel_pending_order', arguments: JSON.stringify({ order_id: order.order_id, reason: 'no longer needed' }) }], usage: { prompt_tokens: 100, completion_tokens: 20 } }),
      () => completionReply({ content: `Cancelled. You will get ${blueprint.outputs[0]} back. Anything else?`, usage: { prompt_tokens: 150, completion_tokens: 15 } }),
    ];
    const server = await startChatCompletionsServer(({ index }) => (script[index] ?? (() => errorReply(500, { message: 'unexpected call' })))());
    closers.push(() => server.close());
    const agent = createOpenAIChatModel({ baseURL: server.baseURL, model: 'test-agent', maxRetries: 2, timeoutMs: 120_000 }, { apiKey: 'sk-test-secret' });
    const trajectory = await rollout({ agent, blueprint, human: scriptedHuman(blueprint.instruction, 3), seed: 3 }).run;
    expect(server.requests).toHaveLength(3);
    const body = server.requests[1]?.body as { model: string; messages: { role: string }[]; tools: { function: { name: string } }[] };
    expect(body.model).toBe('test-agent');
    expect(body.messages[0]?.role).toBe('system');
    expect(body.tools.map((tool) => tool.function.name)).toContain('cancel_pending_order');
    expect(trajectory.usage.agent).toMatchObject({ calls: 2, promptTokens: 250, completionTokens: 35 });
    expect(trajectory.verdict).toMatchObject({ kept: true, reason: 'accepted' });
    expect(JSON.stringify(trajectory)).not.toContain('sk-test-secret');
  });

  it('sends the agent neither reasoning nor note marks, and never two user messages in a row (strict templates)', async () => {
    const script = [() => completionReply({ content: '' }), () => completionReply({ content: 'It is pending. Anything else?' })];
    const server = await startChatCompletionsServer(({ index }) => (script[index] ?? (() => errorReply(500, { message: 'unexpected call' })))());
    closers.push(() => server.close());
    const agent = createOpenAIChatModel({ baseURL: server.baseURL, model: 'strict-agent', maxRetries: 0, timeoutMs: 120_000 }, { apiKey: 'k' });
    const humanModel = new ScriptedChatModel([
      { message: { role: 'assistant', content: 'Where is my order?', reasoning: 'private human thought' } },
      { message: { role: 'assistant', content: 'No, thanks. ###STOP###' } },
    ]);
    const trajectory = await rollout({ agent, human: createModelHuman(humanModel, { instruction: cancelBlueprint().instruction }) }).run;
    expect(trajectory.messages.map((message) => [message.role, 'note' in message ? message.note : undefined])).toEqual([
      ['system', undefined],
      ['user', undefined],
      ['user', 'protocol'],
      ['assistant', undefined],
      ['user', undefined],
    ]);
    expect(server.requests).toHaveLength(2);
    for (const request of server.requests) {
      const { messages } = request.body as { messages: { role: string }[] };
      expect(messages.every((message, index) => index === 0 || message.role !== 'user' || messages[index - 1]?.role !== 'user')).toBe(true);
      expect(messages.slice(1).some((message) => message.role === 'system')).toBe(false);
      const text = JSON.stringify(request.body);
      expect(text).not.toMatch(/private human thought|"reasoning"|"note"/);
    }
  });

  const failedRollout = async (agent: ReturnType<typeof createOpenAIChatModel>) => {
    const error = await rollout({ agent }).run.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FailedJobError);
    return (error as FailedJobError).failedJob;
  };

  it('makes an endpoint that stays down a failed job (infrastructure-error), never a graded trajectory', async () => {
    const server = await startChatCompletionsServer(() => errorReply(500, { message: 'boom' }));
    closers.push(() => server.close());
    const failed = await failedRollout(createOpenAIChatModel({ baseURL: server.baseURL, model: 'down', maxRetries: 1, timeoutMs: 120_000 }, { apiKey: 'k' }));
    expect(failed).toMatchObject({ termination: { reason: 'infrastructure-error' }, role: 'agent', model: expect.stringMatching(/^down@http:\/\/127\.0\.0\.1:\d+\/v1$/) });
    expect(server.requests).toHaveLength(2);
  });

  it('makes a 401 and a 404 for the model name failed jobs (endpoint-rejected), after one request each, with no key in them', async () => {
    for (const status of [401, 404]) {
      const server = await startChatCompletionsServer(() => errorReply(status, { message: status === 401 ? 'invalid api key' : 'model not found' }));
      closers.push(() => server.close());
      const failed = await failedRollout(createOpenAIChatModel({ baseURL: server.baseURL, model: 'agent-x', maxRetries: 2, timeoutMs: 120_000 }, { apiKey: 'sk-secret-401' }));
      expect(failed).toMatchObject({ termination: { reason: 'endpoint-rejected', detail: expect.stringContaining(String(status)) }, role: 'agent', model: expect.stringMatching(/^agent-x@/) });
      expect(server.requests).toHaveLength(1);
      expect(JSON.stringify(failed)).not.toContain('sk-secret-401');
    }
  });
});

describe('the machine routes; its turns are swappable', () => {
  it('runs with a provided agentTurn action instead of a model', async () => {
    const blueprint = cancelBlueprint();
    const replies: ChatResponse[] = [{ message: { role: 'assistant', content: 'Nothing to do. Anything else?' }, model: 'provided' }];
    const machine = rolloutMachine.provide({ actions: { agentTurn: ({ self }) => void Promise.resolve().then(() => self.send({ type: 'AGENT_REPLIED', response: replies.shift() as ChatResponse })) } });
    const actor = createActor(machine, {
      input: {
        domain: retail as never,
        state: new DomainState(retailBase()) as never,
        human: createModelHuman(new ScriptedHuman({ instruction: blueprint.instruction, seed: 2 }), { instruction: blueprint.instruction }),
        agent: { id: 'unused', complete: () => Promise.reject(new Error('the provided actor replaces the model')) },
        limits: defaultRolloutLimits,
      },
    });
    actor.start();
    const output = await toPromise(actor);
    expect(output.termination.reason).toBe('user-stop');
    expect(output.messages.map((message) => message.content)).toContain('Nothing to do. Anything else?');
  });
});
