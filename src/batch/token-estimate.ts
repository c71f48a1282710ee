import type { ChatRequest } from '../models/index.ts';

/** Characters per token: a rough figure for English and JSON under OpenAI-style BPE tokenizers. */
const CHARACTERS_PER_TOKEN = 4;
/** What each message costs beyond its text (role, separators), as OpenAI's cookbook counts it. */
const TOKENS_PER_MESSAGE = 4;
/** The completion assumed when the configuration sets no max_tokens: the reply is charged at this, then corrected. */
export const DEFAULT_COMPLETION_ESTIMATE = 256;

/** Every call of a rollout sends the same tool schemas: their size is measured once per array. */
const schemaSizes = new WeakMap<object, number>();

function schemaCharacters(tools: NonNullable<ChatRequest['tools']>): number {
  let size = schemaSizes.get(tools);
  if (size === undefined) {
    size = JSON.stringify(tools).length;
    schemaSizes.set(tools, size);
  }
  return size;
}

/**
 * The tokens a request will cost, estimated before it is sent from its size: prompt text, tool calls
 * and tool schemas at ~4 characters a token, plus the completion it may produce (max_tokens when set).
 * The rate limiter charges this up front and corrects it with the usage the server reports.
 */
export function estimateRequestTokens(request: Pick<ChatRequest, 'messages' | 'tools'>, maxCompletionTokens = DEFAULT_COMPLETION_ESTIMATE): number {
  let characters = 0;
  for (const message of request.messages) {
    characters += message.content?.length ?? 0;
    if (message.role === 'assistant') for (const call of message.tool_calls ?? []) characters += call.function.name.length + call.function.arguments.length;
  }
  if (request.tools && request.tools.length > 0) characters += schemaCharacters(request.tools);
  return Math.ceil(characters / CHARACTERS_PER_TOKEN) + TOKENS_PER_MESSAGE * request.messages.length + maxCompletionTokens;
}
