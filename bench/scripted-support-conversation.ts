import { completionReply, type ChatCompletionsHandler } from '../src/models/testing/index.ts';

/** Model calls per rollout of this script: the human twice (ask, stop), the agent twice (look up, answer). */
export const CALLS_PER_ROLLOUT = 4;

const usage = { prompt_tokens: 400, completion_tokens: 20 };

/** A short support conversation a loopback server plays for the `bench-human` and `bench-agent` models. */
export const scriptedSupportConversation: ChatCompletionsHandler = ({ body }) => {
  const request = body as { model: string; messages: { role: string; content: string | null }[] };
  if (request.model === 'bench-human') {
    const offered = request.messages.some((message) => message.content?.includes('Anything else'));
    return completionReply({ content: offered ? 'No, thanks. ###STOP###' : 'Hi! What is the status of my order #W4049349?', usage });
  }
  if (request.messages.some((message) => message.role === 'tool')) return completionReply({ content: 'Your order #W4049349 is pending. Anything else?', usage });
  return completionReply({ toolCalls: [{ name: 'get_order_details', arguments: { order_id: '#W4049349' } }], usage });
};
