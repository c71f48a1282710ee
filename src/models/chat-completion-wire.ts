import { z } from 'zod';
import type { FunctionToolSchema } from '../domain-kit/index.ts';
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { AssistantMessage, ChatMessage, MessageToolCall } from './chat-message.ts';
import type { ChatRequest, ChatResponse, TokenUsage } from './chat-model.ts';
import type { ModelConfig, ReasoningMode, TextToolCallMode } from './model-config.ts';
import { joinThoughts, separateThinking } from './reasoning-separation.ts';
import { parseTextToolCalls, toMessageToolCalls } from './text-tool-calls.ts';

/**
 * The chat-completions wire format as the lowest common denominator of OpenAI, vLLM, Ollama and
 * llama.cpp servers: no strict schemas, no response_format, no flag the user did not set.
 */

/** Each message with exactly the fields the wire format knows (anything else a stored message carried stays home). */
/** A message as the wire carries it: only wire fields (never `reasoning`, `note` or `toolCallsFromText`). */
export function toWireMessage(message: ChatMessage): ChatCompletionMessageParam {
  switch (message.role) {
    case 'system':
    case 'user':
      return { role: message.role, content: message.content };
    case 'tool':
      return { role: 'tool', tool_call_id: message.tool_call_id, content: message.content };
    case 'assistant': {
      if (!message.tool_calls || message.tool_calls.length === 0) return { role: 'assistant', content: message.content };
      return {
        role: 'assistant',
        content: message.content,
        tool_calls: message.tool_calls.map((call) => ({
          id: call.id,
          type: 'function' as const,
          function: { name: call.function.name, arguments: call.function.arguments },
        })),
      };
    }
  }
}

/** The request body: model and messages always; tools only when there are some; sampling settings only when set. */
export function toChatCompletionBody(config: ModelConfig, request: ChatRequest): ChatCompletionCreateParamsNonStreaming {
  const body: ChatCompletionCreateParamsNonStreaming = { model: config.model, messages: request.messages.map(toWireMessage) };
  if (request.tools && request.tools.length > 0) body.tools = request.tools;
  if (config.temperature !== undefined) body.temperature = config.temperature;
  if (config.seed !== undefined) body.seed = config.seed;
  if (config.maxTokens !== undefined) body.max_tokens = config.maxTokens;
  if (config.parallelToolCalls !== undefined) body.parallel_tool_calls = config.parallelToolCalls;
  return body;
}

const count = z.number().nonnegative().nullish();

const wireCompletionSchema = z.object({
  model: z.string().nullish(),
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullish(),
          // vLLM / DeepSeek / llama.cpp; Ollama / OpenRouter / recent vLLM. Anything but a string is ignored.
          reasoning_content: z.unknown().optional(),
          reasoning: z.unknown().optional(),
          tool_calls: z
            .array(
              z.object({
                id: z.string().nullish(),
                type: z.literal('function').nullish(),
                function: z.object({
                  name: z.string().min(1),
                  arguments: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
                }),
              }),
            )
            .nullish(),
        }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1, 'no choices'),
  usage: z.object({ prompt_tokens: count, completion_tokens: count, total_tokens: count }).nullish(),
});

type WireToolCall = NonNullable<z.infer<typeof wireCompletionSchema>['choices'][number]['message']['tool_calls']>[number];

/** The outcome of reading a reply: the response, or what is wrong with it. */
export type ParsedCompletion = { ok: true; response: ChatResponse } | { ok: false; problem: string };

/** How an endpoint's replies are read (the model configuration's `reasoning` and `textToolCalls`). */
export interface ReplyReading {
  reasoning?: ReasoningMode | undefined;
  textToolCalls?: TextToolCallMode | undefined;
  /** The tools the request offered: they type the parameters of Qwen3-Coder text calls. */
  tools?: readonly FunctionToolSchema[] | undefined;
}

/**
 * Reads the first choice of a completion. Tolerates what real servers leave out: the id, the usage,
 * the finish reason, `content` beside tool calls, a tool call's id or type. Tool-call arguments are
 * kept as the raw text the model wrote (an object some servers send is serialised; absent ones become `{}`).
 *
 * Before anything else reads the reply, the model's thinking is moved to `reasoning` (see
 * reasoning-separation.ts; `reading.reasoning: 'keep'` leaves `content` alone), then a content that holds
 * nothing but `<tool_call>` blocks becomes real tool calls marked `toolCallsFromText` (unless
 * `reading.textToolCalls` is `off`).
 */
export function parseChatCompletion(raw: unknown, fallbackModel: string, reading: ReplyReading = {}): ParsedCompletion {
  if (typeof raw === 'string') return { ok: false, problem: `the body is not JSON: ${excerpt(raw)}` };
  const parsed = wireCompletionSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, problem: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ') };
  }
  const completion = parsed.data;
  const choice = completion.choices[0]!;
  const toolCalls = choice.message.tool_calls ?? [];
  const message = readAssistantMessage(choice.message, toolCalls.map(toMessageToolCall), reading);
  const response: ChatResponse = { message, model: completion.model ?? fallbackModel };
  const usage = toTokenUsage(completion.usage);
  if (usage) response.usage = usage;
  if (choice.finish_reason) response.finishReason = choice.finish_reason;
  return { ok: true, response };
}

type WireMessage = z.infer<typeof wireCompletionSchema>['choices'][number]['message'];

const asText = (value: unknown) => (typeof value === 'string' ? value : undefined);

function readAssistantMessage(wire: WireMessage, toolCalls: MessageToolCall[], reading: ReplyReading): AssistantMessage {
  let content = wire.content ?? null;
  const thoughts = [asText(wire.reasoning_content), asText(wire.reasoning)];
  let stripped = false;
  if (content !== null && reading.reasoning !== 'keep') {
    const separated = separateThinking(content);
    if (separated.found) {
      content = separated.content;
      thoughts.push(separated.reasoning);
      stripped = true;
    }
  }
  const reasoning = joinThoughts(thoughts);
  // vLLM's reasoning parsers leave the blank line that followed the thinking at the head of `content`.
  if (reasoning !== undefined && content !== null && !stripped && reading.reasoning !== 'keep') content = content.trimStart();
  const message: AssistantMessage = { role: 'assistant', content };
  if (toolCalls.length > 0) {
    message.tool_calls = toolCalls;
    // Only thinking beside the calls: the reply said nothing, as an OpenAI tool-call reply says it.
    if (stripped && message.content === '') message.content = null;
  } else if (content !== null && reading.textToolCalls !== 'off') {
    const fromText = parseTextToolCalls(content, reading.tools);
    if (fromText && fromText.rest === '') {
      message.content = null;
      message.tool_calls = toMessageToolCalls(fromText.calls, textToolCallId);
      message.toolCallsFromText = true;
    }
  }
  if (reasoning !== undefined) message.reasoning = reasoning;
  return message;
}

/**
 * Ids for calls parsed from text: deterministic and unique within the reply (`text_call_1`, `text_call_2`...).
 * The rollout makes ids unique across a conversation.
 */
export const textToolCallId = (index: number) => `text_call_${index + 1}`;

function toMessageToolCall(call: WireToolCall, index: number): MessageToolCall {
  const rawArguments = call.function.arguments;
  return {
    id: call.id || `call_${index + 1}`,
    type: 'function',
    function: {
      name: call.function.name,
      arguments: typeof rawArguments === 'string' ? rawArguments : JSON.stringify(rawArguments ?? {}),
    },
  };
}

function toTokenUsage(usage: z.infer<typeof wireCompletionSchema>['usage']): TokenUsage | undefined {
  if (!usage) return undefined;
  const { prompt_tokens: prompt, completion_tokens: completion, total_tokens: total } = usage;
  if (prompt == null && completion == null && total == null) return undefined;
  const promptTokens = prompt ?? 0;
  const completionTokens = completion ?? 0;
  return { promptTokens, completionTokens, totalTokens: total ?? promptTokens + completionTokens };
}

function excerpt(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 200 ? `${JSON.stringify(oneLine.slice(0, 200))}...` : JSON.stringify(oneLine);
}
