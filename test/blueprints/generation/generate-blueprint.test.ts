import { afterEach, describe, expect, it } from 'vitest';
import { blueprintSchema } from '../../../src/blueprints/blueprint.ts';
import { sampleContext } from '../../../src/blueprints/generation/context-sampler.ts';
import { blueprintSeed, generateBlueprint, generatedBlueprintId } from '../../../src/blueprints/generation/generate-blueprint.ts';
import { CONTEXT_HEADING } from '../../../src/blueprints/generation/generation-prompt.ts';
import { completionReply, createOpenAIChatModel, errorReply, ScriptedChatModel, startChatCompletionsServer, textReply } from '../../../src/models/index.ts';
import { domainFixture, fakeValidator, fixedClock } from './generation-fixtures.ts';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

/** A reply cancelling the first pending target order of the sampled context, as a model would write it. */
function replyFor(seed: number, index: number) {
  const { domain, base, graph } = domainFixture('retail');
  const context = sampleContext({ domain, base, graph, seed: blueprintSeed(seed, index) });
  return {
    context,
    text: `Here is the task.\n\`\`\`json\n${JSON.stringify({
      thought: 'one write',
      instruction: 'Your name is Someone. You want to cancel your order because you ordered it by mistake.',
      actions: [
        { name: 'find_user_id_by_email', arguments: { email: context.user.email } },
        { name: 'cancel_pending_order', arguments: { order_id: '#W0000000', reason: 'ordered by mistake' } },
      ],
      outputs: [42],
    })}\n\`\`\``,
  };
}

describe('generating one blueprint', () => {
  it('turns the reply into a draft with its provenance and sends it to the validator', async () => {
    const { domain, base, graph } = domainFixture('retail');
    const { context, text } = replyFor(5, 3);
    const generator = new ScriptedChatModel([textReply(text)], { id: 'scripted-generator' });
    const { validate, seen } = fakeValidator();
    const result = await generateBlueprint({ domain, base, graph, generator, validate, seed: 5, index: 3, clock: fixedClock });
    generator.assertConsumed();

    expect(seen).toHaveLength(1);
    const draft = seen[0];
    expect(result.draft).toEqual(draft);
    expect(blueprintSchema.parse(draft)).toEqual(draft);
    expect(draft).toMatchObject({
      id: generatedBlueprintId('retail', 5, 3),
      domain: 'retail',
      userId: context.userId,
      persona: context.persona,
      status: 'draft',
      createdAt: '2026-01-02T03:04:05.000Z',
      outputs: ['42'],
      provenance: {
        kind: 'generated',
        seed: context.seed,
        generator: 'scripted-generator',
        context: { batch: { seed: 5, index: 3 }, walk: context.walk, userId: context.userId, persona: context.persona, rules: context.rules.map((rule) => rule.name), fewShot: [], thought: 'one write' },
      },
    });
    expect(draft?.id).toBe('retail-generated-s5-0003');
    expect(result.validation?.accepted).toBe(true);
    expect(result.validation?.blueprint.status).toBe('validated');

    // The prompt carries the sampled context: the walk's tools, the user's records, the persona.
    const [system, user] = generator.calls[0]?.messages ?? [];
    expect(system?.content).toContain('second person');
    // The first action identifies the user, with the domain's lookup tools, whose schemas are shown even off the walk.
    expect(system?.content).toContain('The first action identifies the user, as the policy asks before anything is changed (find_user_id_by_email or find_user_id_by_name_zip,');
    expect(context.rules.map((rule) => rule.name)).toContain('identify-user-first');
    for (const tool of ['find_user_id_by_email', 'find_user_id_by_name_zip']) expect(user?.content).toContain(`"name":"${tool}"`);
    expect(user?.content).toContain(CONTEXT_HEADING);
    expect(user?.content).toContain(context.userId);
    expect(user?.content).toContain(context.persona);
    for (const tool of context.walk) expect(user?.content).toContain(`"name":"${tool}"`);
  });

  it('is seeded: the same seed and index give the same prompt and the same draft', async () => {
    const { domain, base, graph } = domainFixture('retail');
    const run = async () => {
      const generator = new ScriptedChatModel([textReply(replyFor(9, 0).text)]);
      const result = await generateBlueprint({ domain, base, graph, generator, validate: fakeValidator().validate, seed: 9, index: 0, clock: fixedClock });
      return { prompt: generator.calls[0]?.messages, draft: result.draft };
    };
    expect(await run()).toEqual(await run());
    const other = new ScriptedChatModel([textReply(replyFor(9, 1).text)]);
    await generateBlueprint({ domain, base, graph, generator: other, validate: fakeValidator().validate, seed: 9, index: 1, clock: fixedClock });
    expect(other.calls[0]?.messages).not.toEqual((await run()).prompt);
  });

  it('asks again once, naming the problem, when the reply has no usable JSON', async () => {
    const { domain, base, graph } = domainFixture('retail');
    const generator = new ScriptedChatModel([textReply('I would cancel the order.'), textReply(replyFor(2, 0).text)]);
    const { validate, seen } = fakeValidator();
    const result = await generateBlueprint({ domain, base, graph, generator, validate, seed: 2, index: 0, clock: fixedClock });
    expect(result.generatorCalls).toBe(2);
    expect(seen).toHaveLength(1);
    const retry = generator.calls[1]?.messages ?? [];
    expect(retry.at(-2)).toEqual({ role: 'assistant', content: 'I would cancel the order.' });
    expect(retry.at(-1)?.content).toContain('the reply contains no JSON object');
  });

  it('gives up without calling the validator after the last unusable reply', async () => {
    const { domain, base, graph } = domainFixture('retail');
    const generator = new ScriptedChatModel([textReply('no'), textReply('{"instruction": ""}')]);
    const { validate, seen } = fakeValidator();
    const result = await generateBlueprint({ domain, base, graph, generator, validate, seed: 2, index: 0, clock: fixedClock });
    expect(seen).toHaveLength(0);
    expect(result.draft).toBeUndefined();
    expect(result.problem).toMatch(/no usable reply in 2 attempts \(instruction: /);
  });

  it('works through the real OpenAI adapter against a chat-completions server on 127.0.0.1', async () => {
    const { domain, base, graph } = domainFixture('retail');
    const { text } = replyFor(4, 0);
    const script = [() => errorReply(503, { message: 'busy' }), () => completionReply({ content: text, usage: { prompt_tokens: 900, completion_tokens: 80 } })];
    const server = await startChatCompletionsServer(({ index }) => (script[index] ?? (() => errorReply(500, { message: 'unexpected call' })))());
    closers.push(() => server.close());
    const generator = createOpenAIChatModel({ baseURL: server.baseURL, model: 'test-generator', maxRetries: 2, timeoutMs: 120_000 }, { apiKey: 'sk-test' });
    const { validate, seen } = fakeValidator();
    const result = await generateBlueprint({ domain, base, graph, generator, validate, seed: 4, index: 0, clock: fixedClock });
    expect(server.requests).toHaveLength(2);
    const body = server.requests[1]?.body as { model: string; messages: Array<{ role: string; content: string }>; tools?: unknown };
    expect(body.model).toBe('test-generator');
    expect(body.messages.map((message) => message.role)).toEqual(['system', 'user']);
    expect(body.messages[1]?.content).toContain(CONTEXT_HEADING);
    expect(body.tools).toBeUndefined();
    expect(seen).toHaveLength(1);
    expect(result.draft?.provenance).toMatchObject({ kind: 'generated', generator: generator.id });
    expect(result.generatorUsage).toEqual({ promptTokens: 900, completionTokens: 80, totalTokens: 980 });
  });
});
