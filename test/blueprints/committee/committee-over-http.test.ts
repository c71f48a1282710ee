import { afterEach, describe, expect, it } from 'vitest';
import { retail } from '../../../domains/retail/index.ts';
import { validateBlueprint } from '../../../src/blueprints/validate-blueprint.ts';
import type { Domain } from '../../../src/domain-kit/index.ts';
import { completionReply, createOpenAIChatModel, errorReply, startChatCompletionsServer } from '../../../src/models/index.ts';
import { cancelBlueprint, retailBase } from '../../support/default-retail.ts';
import { review } from '../review-replies.ts';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

describe('a committee over the real OpenAI SDK path (loopback chat-completions server)', () => {
  it('reviews through HTTP: fenced JSON, a 429 retried by the SDK, an unparseable reply retried with its problem', async () => {
    const seen = new Map<string, number>();
    const server = await startChatCompletionsServer(({ body }) => {
      const model = (body as { model: string }).model;
      const call = seen.get(model) ?? 0;
      seen.set(model, call + 1);
      const usage = { prompt_tokens: 1000, completion_tokens: 50 };
      if (model === 'judge-a') return completionReply({ content: `My review:\n\`\`\`json\n${JSON.stringify(review([1, 1, 1, 1]))}\n\`\`\``, usage, model });
      if (model === 'judge-b' && call === 0) return errorReply(429, { message: 'slow down', headers: { 'retry-after-ms': '1' } });
      if (model === 'judge-b') return completionReply({ content: `Verdict follows. ${JSON.stringify(review([1, 1, 1, 0]))} Done.`, usage, model });
      if (model === 'judge-c' && call === 0) return completionReply({ content: 'I approve of this blueprint.', usage, model });
      return completionReply({ content: JSON.stringify(review([1, 1, 1, 1])), usage, model });
    });
    closers.push(() => server.close());
    const reviewers = ['judge-a', 'judge-b', 'judge-c'].map((model) => createOpenAIChatModel({ baseURL: server.baseURL, model, maxRetries: 2, timeoutMs: 120_000 }, { apiKey: 'sk-test-secret', id: model }));

    const outcome = await validateBlueprint({ domain: retail as unknown as Domain, base: retailBase(), blueprint: cancelBlueprint(), reviewers });

    expect(outcome.status).toBe('approved');
    expect(outcome.blueprint.reviews?.map((entry) => [entry.reviewer, entry.abstained, entry.attempts])).toEqual([
      ['judge-a', false, 1],
      ['judge-b', false, 1],
      ['judge-c', false, 2],
    ]);
    const committee = outcome.blueprint.checks?.at(-1);
    expect(committee).toMatchObject({ stage: 'committee', passed: true, details: { voters: 3, passedCriteria: 4 } });
    expect((committee?.details?.criteria as Record<string, unknown>).creativity).toEqual({ yes: 2, no: 1, passed: true });
    expect(server.requests).toHaveLength(5);
    expect(outcome.usage.committee).toEqual({ calls: 4, promptTokens: 4000, completionTokens: 200, totalTokens: 4200 });

    const retry = server.requests.filter((request) => (request.body as { model: string }).model === 'judge-c')[1]?.body as { messages: { role: string; content: string }[]; tools?: unknown };
    expect(retry.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(retry.messages[2]?.content).toContain('Your answer could not be used: the reply contains no JSON object.');
    expect(retry.tools).toBeUndefined();
    expect(server.requests[0]?.headers.authorization).toBe('Bearer sk-test-secret');
    expect(JSON.stringify(outcome)).not.toContain('sk-test-secret');
  });
});
