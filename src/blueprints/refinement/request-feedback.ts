import type { ChatModel, ChatResponse } from '../../models/index.ts';
import { feedbackPrompt, type FeedbackSubject } from './feedback-prompt.ts';

export interface FeedbackAnswer {
  feedback: string;
  response: ChatResponse;
}

/** Every problem of the failed round, one per line: the feedback when the model gives none. */
export function problemsAsFeedback(subject: FeedbackSubject): string {
  return subject.checks
    .filter((check) => !check.passed && !check.skipped)
    .flatMap((check) => check.problems.map((problem) => `- ${check.stage}: ${problem}`))
    .join('\n');
}

/** Asks the feedback model to summarise a failed round into actionable feedback for the generator. */
export async function requestFeedback(model: ChatModel, subject: FeedbackSubject, signal?: AbortSignal): Promise<FeedbackAnswer> {
  const response = await model.complete({ messages: [{ role: 'user', content: feedbackPrompt(subject) }], ...(signal ? { signal } : {}) });
  const text = response.message.content?.trim() ?? '';
  return { feedback: text === '' ? `The feedback model said nothing; the problems were:\n${problemsAsFeedback(subject)}` : text, response };
}
