import { DomainState, type BaseState, type Domain } from '../../src/domain-kit/index.ts';
import type { ChatMessage } from '../../src/models/index.ts';
import { executeToolCall } from '../../src/rollout/tool-execution.ts';

/**
 * Hand-written transcripts with genuine tool results: each call runs on the builder's own state, as the
 * rollout machine runs it, so a test edits exactly the message it means to tamper with.
 */
export class TranscriptBuilder {
  readonly messages: ChatMessage[];
  readonly #state: DomainState;
  #calls = 0;

  constructor(
    private readonly domain: Domain,
    base: BaseState,
  ) {
    this.#state = new DomainState(base);
    this.messages = [{ role: 'system', content: domain.policy }];
  }

  human(text: string): this {
    this.messages.push({ role: 'user', content: text });
    return this;
  }

  agent(text: string): this {
    this.messages.push({ role: 'assistant', content: text });
    return this;
  }

  /** A harness note to the agent (v2: a user message marked `note: 'protocol'`). */
  note(text: string): this {
    this.messages.push({ role: 'user', content: text, note: 'protocol' });
    return this;
  }

  /** One agent message with these calls (and `text` beside them, if given), then their results. */
  call(calls: Array<[name: string, args: unknown]> | [name: string, args: unknown], text: string | null = null): this {
    const list = (typeof calls[0] === 'string' ? [calls] : calls) as Array<[string, unknown]>;
    const toolCalls = list.map(([name, args]) => ({ id: `call_${this.#calls++}`, type: 'function' as const, function: { name, arguments: JSON.stringify(args) } }));
    this.messages.push({ role: 'assistant', content: text, tool_calls: toolCalls });
    for (const call of toolCalls) {
      const outcome = executeToolCall(this.domain, this.#state, call);
      this.messages.push({ role: 'tool', tool_call_id: call.id, content: outcome.content });
    }
    return this;
  }
}
