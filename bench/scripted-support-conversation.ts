import { completionReply, type ChatCompletionsHandler } from '../src/models/testing/index.ts';

/**
 * Model calls per rollout of this script: the human four times (ask, identify, confirm, stop), the agent
 * six times (ask for identity, look the user up, read the order, ask to confirm, cancel, tell).
 */
export const CALLS_PER_ROLLOUT = 10;

/** The blueprint the script serves, correctly: its trajectories are kept. */
export const SCRIPTED_BLUEPRINT = 'retail-cancel-pending-order';

const usage = { prompt_tokens: 400, completion_tokens: 20 };

interface ScriptedRequest {
  model: string;
  messages: { role: string; content: string | null }[];
}

const said = (request: ScriptedRequest, words: string) => request.messages.some((message) => message.role !== 'system' && message.content?.includes(words));

/**
 * How long the script's replies are: `chat` as a chat model writes them (a few sentences), `one-line` as short as
 * a terse model's. The harness's CPU per call hardly moves with the length; the bare client's does (it sends the
 * replies back in every later request), so the bench measures both.
 */
export type ReplyLength = 'chat' | 'one-line';

export const REPLY_LENGTHS: readonly ReplyLength[] = ['chat', 'one-line'];

const replies: Record<ReplyLength, Record<'ask' | 'identify' | 'confirm' | 'stop' | 'askIdentity' | 'askConfirmation' | 'done', string>> = {
  chat: {
    ask: 'Hi! I ordered a soundbar and a skincare set by mistake in order #W4049349. Please cancel the whole order.',
    identify: 'Sure, my email address is chet.klein5490@example.com.',
    confirm: 'Yes, I confirm: please cancel the whole order, I ordered both items by mistake.',
    stop: 'No, that was everything. Thank you for sorting it out so quickly! ###STOP###',
    askIdentity:
      "I'm sorry to hear the order was a mistake, and I can help you cancel it. Before I look at any order, I need to verify your identity: could you tell me the email address on your account?",
    askConfirmation:
      'Thank you, I found your account and order #W4049349. It is still pending and holds two items: a soundbar and a skincare set. ' +
      'I can cancel the whole order with the reason "ordered by mistake"; the refund goes back to the original payment method within 5 to 7 business days. ' +
      'Do you confirm that you want me to cancel it (yes)?',
    done: 'Done: order #W4049349 is now cancelled, and the refund of both items is on its way to your original payment method. Anything else I can help you with today?',
  },
  'one-line': {
    ask: 'Hi! I ordered a soundbar and a skincare set by mistake in order #W4049349. Please cancel the whole order.',
    identify: 'It is chet.klein5490@example.com.',
    confirm: 'Yes, please cancel it.',
    stop: 'No, that was all. Thanks! ###STOP###',
    askIdentity: 'I can help with that. First, what is the email address on your account?',
    askConfirmation: 'Order #W4049349 is pending: a soundbar and a skincare set. I will cancel it with the reason "ordered by mistake", refunded to the original payment method. Do you confirm (yes)?',
    done: 'Done: order #W4049349 is cancelled and the refund is on its way. Anything else?',
  },
};

/**
 * A whole support conversation, as a loopback server plays it for the `bench-human` and `bench-agent`
 * models: the user of `retail-cancel-pending-order` asks to cancel, proves who they are, confirms; the
 * agent looks them up, reads the order, asks for the confirmation the policy requires and cancels. The
 * final state matches the blueprint's, so the trajectory is kept: the path a batch exists for, with
 * tool results and a write, and bodies growing call by call as a real conversation's do. Replies are
 * `length` long (`chat` by default: a few sentences, as a chat model writes).
 */
export function scriptedSupportConversation(length: ReplyLength = 'chat'): ChatCompletionsHandler {
  const text = replies[length];
  return ({ body }) => {
    const request = body as ScriptedRequest;
    if (request.model === 'bench-human') {
      if (said(request, 'Anything else')) return completionReply({ content: text.stop, usage });
      if (said(request, 'confirm')) return completionReply({ content: text.confirm, usage });
      if (said(request, 'email')) return completionReply({ content: text.identify, usage });
      return completionReply({ content: text.ask, usage });
    }
    const toolResults = request.messages.filter((message) => message.role === 'tool').length;
    const last = request.messages[request.messages.length - 1];
    const call = (name: string, args: Record<string, unknown>) => completionReply({ toolCalls: [{ name, arguments: args }], usage });
    if (toolResults === 0 && said(request, '@example.com')) return call('find_user_id_by_email', { email: 'chet.klein5490@example.com' });
    if (toolResults === 0) return completionReply({ content: text.askIdentity, usage });
    if (toolResults === 1) return call('get_order_details', { order_id: '#W4049349' });
    if (toolResults === 2 && last?.role === 'user') return call('cancel_pending_order', { order_id: '#W4049349', reason: 'ordered by mistake' });
    if (toolResults === 2) return completionReply({ content: text.askConfirmation, usage });
    return completionReply({ content: text.done, usage });
  };
}
