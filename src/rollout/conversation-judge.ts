import type { ChatMessage, ChatModel } from '../models/index.ts';
import { humanTranscript } from './transcript.ts';

/** What a judge decides about a conversation whose gold run changes no state and expects no outputs. */
export interface ConversationJudgement {
  model: string;
  passed: boolean;
  reasoning: string;
}

export function conversationJudgePrompt(instruction: string, messages: readonly ChatMessage[]): string {
  const conversation = humanTranscript(messages)
    .map((turn) => `${turn.speaker === 'agent' ? 'Agent' : 'Customer'}: ${turn.text}`)
    .join('\n');
  return [
    'You judge whether a customer-service agent served a customer correctly. The customer wanted what the instruction says; no change to any account or order was needed.',
    'Pass the agent only if it gave the customer what the instruction asks for (information, a correct refusal under its policy) without inventing facts.',
    '',
    `Instruction: ${instruction}`,
    '',
    'Conversation:',
    conversation,
    '',
    'Answer with a short reason, then a last line that is exactly "VERDICT: PASS" or "VERDICT: FAIL".',
  ].join('\n');
}

const verdictLine = /VERDICT:\s*(PASS|FAIL)\s*$/i;

/**
 * A judge for blueprints that a state check cannot verify (the gold run changes nothing and no
 * outputs are expected). A reply without a verdict line fails: unverifiable is never a pass.
 */
export function createConversationJudge(model: ChatModel, instruction: string) {
  return async (messages: readonly ChatMessage[], signal?: AbortSignal): Promise<ConversationJudgement> => {
    const response = await model.complete({ messages: [{ role: 'user', content: conversationJudgePrompt(instruction, messages) }], ...(signal ? { signal } : {}) });
    const text = response.message.content?.trim() ?? '';
    const match = verdictLine.exec(text);
    return { model: model.id, passed: match?.[1]?.toUpperCase() === 'PASS', reasoning: match ? text.slice(0, match.index).trim() : `no verdict line in the judge's reply: ${text.slice(0, 200)}` };
  };
}
