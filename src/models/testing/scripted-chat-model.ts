import type { FunctionToolSchema } from '../../domain-kit/index.ts';
import { InterplayError } from '../../domain-kit/errors.ts';
import { raceAbort } from '../abort.ts';
import type { AssistantMessage, ChatMessage, MessageToolCall } from '../chat-message.ts';
import type { ChatModel, ChatRequest, ChatResponse, TokenUsage } from '../chat-model.ts';

/**
 * A ChatModel that plays a script, one step per call: the test double every model role can use.
 * It records what each call was given, fails on a call the script has no step for, and
 * `assertConsumed()` fails while steps are left.
 */

/** What a step answers with; `model` defaults to the scripted model's id. */
export interface ScriptedReply {
  message: AssistantMessage;
  usage?: TokenUsage;
  finishReason?: string;
  model?: string;
}

/** A reply, a function of the request (it may be async and may throw), or an error to throw. */
export type ScriptedStep = ScriptedReply | Error | ((request: ChatRequest, callIndex: number) => ScriptedReply | Promise<ScriptedReply>);

/** A call as the scripted model recorded it: a copy of the messages and tools, without the signal. */
export interface RecordedCall {
  messages: ChatMessage[];
  tools?: FunctionToolSchema[];
}

/** The model was called more times than its script has steps. */
export class ScriptExhaustedError extends InterplayError {
  override readonly name = 'ScriptExhaustedError';
  constructor(
    readonly model: string,
    readonly callNumber: number,
    readonly scriptLength: number,
  ) {
    super(`scripted model ${model} got call ${callNumber} but its script has only ${scriptLength} step${scriptLength === 1 ? '' : 's'}`);
  }
}

/** Steps of the script were never played. */
export class UnconsumedStepsError extends InterplayError {
  override readonly name = 'UnconsumedStepsError';
  constructor(
    readonly model: string,
    readonly unconsumed: readonly string[],
  ) {
    super(`scripted model ${model} has ${unconsumed.length} unconsumed step${unconsumed.length === 1 ? '' : 's'}:\n  ${unconsumed.join('\n  ')}`);
  }
}

export class ScriptedChatModel implements ChatModel {
  readonly id: string;
  readonly calls: RecordedCall[] = [];
  readonly #steps: readonly ScriptedStep[];

  constructor(steps: readonly ScriptedStep[], options: { id?: string } = {}) {
    this.id = options.id ?? 'scripted';
    this.#steps = [...steps];
  }

  /** How many steps are still to be played. */
  get remaining(): number {
    return this.#steps.length - this.calls.length;
  }

  /**
   * Plays the next step. A call whose signal is already aborted rejects with its reason and uses no
   * step; an abort while a function step is pending rejects at once.
   */
  complete(request: ChatRequest): Promise<ChatResponse> {
    if (request.signal?.aborted) return Promise.reject(request.signal.reason);
    const callIndex = this.calls.length;
    const recorded: RecordedCall = { messages: structuredClone(request.messages) };
    if (request.tools) recorded.tools = structuredClone(request.tools);
    this.calls.push(recorded);
    const step = this.#steps[callIndex];
    if (step === undefined) return Promise.reject(new ScriptExhaustedError(this.id, callIndex + 1, this.#steps.length));
    if (step instanceof Error) return Promise.reject(step);
    const reply = typeof step === 'function' ? Promise.resolve().then(() => step(request, callIndex)) : Promise.resolve(step);
    return raceAbort(
      reply.then((value) => this.#toResponse(value)),
      request.signal,
    );
  }

  /** Throws, listing every step that was never played. */
  assertConsumed(): void {
    const unconsumed = this.#steps.slice(this.calls.length).map((step, offset) => `step ${this.calls.length + offset + 1}: ${describeStep(step)}`);
    if (unconsumed.length > 0) throw new UnconsumedStepsError(this.id, unconsumed);
  }

  #toResponse(reply: ScriptedReply): ChatResponse {
    const response: ChatResponse = { message: structuredClone(reply.message), model: reply.model ?? this.id };
    if (reply.usage) response.usage = { ...reply.usage };
    if (reply.finishReason !== undefined) response.finishReason = reply.finishReason;
    return response;
  }
}

function describeStep(step: ScriptedStep): string {
  if (step instanceof Error) return `throws ${step.name}: ${step.message}`;
  if (typeof step === 'function') return `function ${step.name || '(anonymous)'}`;
  const calls = step.message.tool_calls ?? [];
  const text = step.message.content === null ? '' : `text ${JSON.stringify(truncate(step.message.content))}`;
  const tools = calls.length > 0 ? `tool calls ${calls.map((call) => call.function.name).join(', ')}` : '';
  return [text, tools].filter((part) => part !== '').join(' + ') || 'empty reply';
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}...` : text;
}

export interface ReplyOptions {
  usage?: TokenUsage;
  finishReason?: string;
}

/** An assistant reply that only says `text`. */
export function textReply(text: string, options: ReplyOptions = {}): ScriptedReply {
  return withOptions({ message: { role: 'assistant', content: text } }, { finishReason: 'stop', ...options });
}

export interface ScriptedToolCall {
  name: string;
  /** An object is serialised; a string is sent as it is (malformed JSON included). */
  arguments: string | Record<string, unknown>;
  /** `call_<n>` (1-based position in this reply) by default. */
  id?: string;
}

/** An assistant reply calling tools, ids `call_1`, `call_2`... unless given; `content` is null unless given. */
export function toolCallReply(calls: readonly ScriptedToolCall[], options: ReplyOptions & { content?: string | null } = {}): ScriptedReply {
  const { content = null, ...rest } = options;
  const toolCalls: MessageToolCall[] = calls.map((call, index) => ({
    id: call.id ?? `call_${index + 1}`,
    type: 'function',
    function: { name: call.name, arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments) },
  }));
  return withOptions({ message: { role: 'assistant', content, tool_calls: toolCalls } }, { finishReason: 'tool_calls', ...rest });
}

function withOptions(reply: ScriptedReply, options: ReplyOptions): ScriptedReply {
  if (options.usage) reply.usage = options.usage;
  if (options.finishReason !== undefined) reply.finishReason = options.finishReason;
  return reply;
}
