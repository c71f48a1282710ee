import type { BlueprintAction } from '../../blueprints/blueprint.ts';
import { pythonJsonDumps, type Domain } from '../../domain-kit/index.ts';
import type { AssistantMessage, ChatMessage, ChatModel, ChatRequest, ChatResponse } from '../../models/index.ts';
import { agrees } from '../pending-write.ts';

/**
 * OFFLINE POLICY — not a model. A deterministic agent that follows the blueprint it is given: it
 * performs the blueprint's actions one by one — the first of which identifies the user — asking the
 * user to confirm each write first, then states the expected outputs and offers more help. It sees the same request a model
 * agent sees and answers in the same wire shape, so everything downstream runs as with a real model.
 */
export interface OracleAgentOptions {
  domain: Domain;
  actions: readonly BlueprintAction[];
  outputs: readonly string[];
  /** Recorded in its id, so trajectories say which policy produced them. */
  label?: string;
  /** Stop short: give the closing summary before doing any write (a seeded mistake of the fallible agent). */
  stopsEarly?: boolean;
}

const callId = (index: number) => `oracle_${index}`;
const NEGATIVE = /\b(no|don't|do not|cancel that|stop|wait)\b/i;

export class OracleAgent implements ChatModel {
  readonly id: string;

  constructor(private readonly options: OracleAgentOptions) {
    this.id = `offline:${options.label ?? 'oracle-agent'}`;
  }

  async complete(request: ChatRequest): Promise<ChatResponse> {
    request.signal?.throwIfAborted();
    return { message: this.next(request.messages), model: this.id, finishReason: 'stop' };
  }

  /** The text it uses to ask the user to confirm one write. */
  confirmation(action: BlueprintAction): string {
    return `To do this I will call ${action.name} with ${pythonJsonDumps(action.arguments)}. Do you confirm (yes/no)?`;
  }

  summary(): string {
    const facts = this.options.outputs.length > 0 ? ` Here is what you asked about: ${this.options.outputs.join('; ')}.` : '';
    return `Everything you asked for is done.${facts} Is there anything else I can help you with?`;
  }

  private next(messages: readonly ChatMessage[]): AssistantMessage {
    const answered = new Set(messages.flatMap((message) => (message.role === 'tool' ? [message.tool_call_id] : [])));
    const { domain, actions } = this.options;
    const pending = actions.findIndex((_, index) => !answered.has(callId(index)));
    const last = messages[messages.length - 1];
    const lastText = [...messages].reverse().find((message): message is AssistantMessage => message.role === 'assistant' && !message.tool_calls?.length)?.content;
    if (pending === -1 || (this.options.stopsEarly && actions.slice(pending).some((action) => domain.tool(action.name)?.kind === 'write'))) {
      return this.say(this.summary());
    }
    const action = actions[pending] as BlueprintAction;
    if (domain.tool(action.name)?.kind !== 'write') return this.call(callId(pending), action.name, action.arguments);
    const confirmation = this.confirmation(action);
    if (last?.role === 'user' && lastText === confirmation) {
      if (agrees(last.content) || !NEGATIVE.test(last.content)) return this.call(callId(pending), action.name, action.arguments);
      return this.say(`Understood, I will not do that. ${this.summary()}`);
    }
    return this.say(confirmation);
  }

  private call(id: string, name: string, args: unknown): AssistantMessage {
    return { role: 'assistant', content: null, tool_calls: [{ id, type: 'function', function: { name, arguments: JSON.stringify(args) } }] };
  }

  private say(text: string): AssistantMessage {
    return { role: 'assistant', content: text };
  }
}
