export { raceAbort, isAbortError } from './abort.ts';
export {
  assistantMessageSchema,
  harnessNoteSchema,
  chatMessageSchema,
  messageToolCallSchema,
  systemMessageSchema,
  toolMessageSchema,
  userMessageSchema,
  type AssistantMessage,
  type ChatMessage,
  type HarnessNote,
  type MessageToolCall,
  type SystemMessage,
  type ToolMessage,
  type UserMessage,
} from './chat-message.ts';
export { addUsage, zeroUsage, type ChatModel, type ChatRequest, type ChatResponse, type TokenUsage } from './chat-model.ts';
export {
  modelConfigSchema,
  parseModelConfig,
  reasoningModeSchema,
  redactConfig,
  redactSecret,
  redactSecrets,
  redactURL,
  secretsOf,
  textToolCallModeSchema,
  type ModelConfig,
  type ModelConfigInput,
  type ReasoningMode,
  type TextToolCallMode,
} from './model-config.ts';
export { isChatTemplateError, readErrorBody, type ServerErrorDetail } from './error-body.ts';
export { joinThoughts, separateThinking, type SeparatedThinking } from './reasoning-separation.ts';
export { isEndpointRejection, InvalidModelConfigError, ModelRequestError, ModelResponseError, ModelUnavailableError, type RetryHeaders, type UnavailableReason } from './model-errors.ts';
export { createOpenAIChatModel, type FetchFunction, type OpenAIChatModelOptions } from './openai-chat-model.ts';
export { createNodeHttpTransport, DEFAULT_REPLY_BATCH_MS, TransportFailure, type ChatTransport, type HttpReply, type NodeHttpTransportOptions } from './node-http-transport.ts';
export { createReplyBatcher, type ReplyBatcher, type ReplyBatcherOptions, type ScheduleFlush } from './reply-batcher.ts';
export { looksLikeTextToolCall, parseTextToolCalls, toMessageToolCalls, type TextToolCalls } from './text-tool-calls.ts';
export { textToolCallId } from './chat-completion-wire.ts';
export * from './testing/index.ts';
