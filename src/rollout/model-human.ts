import { addUsage, type ChatMessage, type ChatModel, type TokenUsage } from '../models/index.ts';
import { AGENT_GREETING, candidateJudgePrompt, humanSystemPrompt } from './human-prompt.ts';
import { HumanReplyError, type CandidateScores, type HumanReply, type HumanRole, type HumanTurnInput } from './human-role.ts';
import type { TranscriptTurn } from './transcript.ts';

/** Best-of-N's N when the user asks for Best-of-N without one (APIGen-MT's setting). */
export const DEFAULT_BEST_OF = 4;

export interface ModelHumanOptions {
  instruction: string;
  persona?: string;
  /** Best-of-N: draw `n` candidates and keep the one the judge scores highest. */
  bestOf?: { n: number; judge: ChatModel };
}

/** How many distinct human system prompts stay shared; past it the oldest is let go (and built again if needed). */
const SHARED_PROMPTS = 1024;
const sharedPrompts = new Map<string, string>();

/**
 * The human's system prompt, one copy per instruction and persona shared by every rollout and every turn:
 * 1,000 live rollouts of 26 blueprints hold 26 prompts (each ~2 KB), not a fresh one per human turn.
 */
function sharedHumanPrompt(instruction: string, persona: string | undefined): string {
  const key = persona === undefined ? instruction : `${instruction}\u0000${persona}`;
  let prompt = sharedPrompts.get(key);
  if (prompt === undefined) {
    prompt = humanSystemPrompt(instruction, persona);
    if (sharedPrompts.size >= SHARED_PROMPTS) sharedPrompts.delete(sharedPrompts.keys().next().value as string);
    sharedPrompts.set(key, prompt);
  }
  return prompt;
}

/**
 * The human's messages, role-flipped: the human model is the "assistant" of its own conversation, and
 * the agent's words come to it as "user" messages. It opens by answering the agent's greeting. A hint for
 * this turn goes at the end of the system prompt, for this request only: a system message in
 * mid-conversation is what strict chat templates (Gemma, Mistral) reject.
 */
export function humanMessages(options: ModelHumanOptions, transcript: readonly TranscriptTurn[], hint?: string): ChatMessage[] {
  const prompt = sharedHumanPrompt(options.instruction, options.persona);
  const messages: ChatMessage[] = [{ role: 'system', content: hint ? `${prompt}\n\n${hint}` : prompt }, { role: 'user', content: AGENT_GREETING }];
  for (const turn of transcript) messages.push(turn.speaker === 'agent' ? { role: 'user', content: turn.text } : { role: 'assistant', content: turn.text });
  return messages;
}

const scorePattern = /score\s*[:=]?\s*(10|\d)\b/i;

/** Reads "Score: N" (0–10) from a judge's reply; null when there is none. */
export function parseCandidateScore(text: string | null): number | null {
  const match = text ? scorePattern.exec(text) : null;
  return match ? Number(match[1]) : null;
}

/**
 * The messages of a human's successive requests, each kept as the object it was the call before when it is
 * the same (role and text): the transcript is rebuilt each turn, and the layers below (the request hash,
 * the request body) do their work once per message object, not once per call.
 */
function keepingEqualMessages(): (messages: ChatMessage[]) => ChatMessage[] {
  let previous: ChatMessage[] = [];
  return (messages) => {
    const kept = messages.map((message, index) => {
      const before = previous[index];
      return before !== undefined && before.role === message.role && before.content === message.content ? before : message;
    });
    previous = kept;
    return kept;
  };
}

/** A simulated human backed by a chat model (any OpenAI-compatible endpoint, or an offline policy). Make one per rollout. */
export function createModelHuman(model: ChatModel, options: ModelHumanOptions): HumanRole {
  const stable = keepingEqualMessages();
  return {
    id: model.id,
    async reply({ transcript, hint, signal }: HumanTurnInput): Promise<HumanReply> {
      const messages = stable(humanMessages(options, transcript, hint));
      const count = options.bestOf ? Math.max(1, options.bestOf.n) : 1;
      const candidates: { text: string; reasoning?: string }[] = [];
      let usage: TokenUsage | undefined;
      for (let index = 0; index < count; index++) {
        const response = await model.complete({ messages, signal });
        usage = response.usage ? addUsage(usage, response.usage) : usage;
        // Only `content` is the human's words; its reasoning (already separated by the adapter) is kept beside them.
        const text = response.message.content?.trim();
        if (text) candidates.push({ text, ...(response.message.reasoning ? { reasoning: response.message.reasoning } : {}) });
      }
      if (candidates.length === 0) throw new HumanReplyError(`the human model ${model.id} sent an empty reply`);
      if (!options.bestOf || candidates.length === 1) return { ...(candidates[0] as { text: string }), ...(usage ? { usage } : {}), calls: count };
      const texts = candidates.map((candidate) => candidate.text);
      const { scores, judgeUsage } = await scoreCandidates(options.bestOf.judge, options.instruction, transcript, texts, signal);
      return { ...(candidates[scores.chosen] as { text: string }), ...(usage ? { usage } : {}), ...(judgeUsage ? { judgeUsage } : {}), calls: count, judgeCalls: candidates.length, scores };
    },
  };
}

async function scoreCandidates(judge: ChatModel, instruction: string, transcript: readonly TranscriptTurn[], candidates: string[], signal: AbortSignal) {
  const conversation = transcript.map((turn) => `${turn.speaker === 'agent' ? 'Agent' : 'Customer'}: ${turn.text}`).join('\n');
  const scored: CandidateScores['candidates'] = [];
  let judgeUsage: TokenUsage | undefined;
  for (const text of candidates) {
    const response = await judge.complete({ messages: [{ role: 'user', content: candidateJudgePrompt(instruction, conversation, text) }], signal });
    judgeUsage = response.usage ? addUsage(judgeUsage, response.usage) : judgeUsage;
    scored.push({ text, score: parseCandidateScore(response.message.content) });
  }
  // The highest score wins; ties and unscored candidates fall back to the earliest.
  let chosen = 0;
  scored.forEach((candidate, index) => {
    if ((candidate.score ?? -1) > (scored[chosen]?.score ?? -1)) chosen = index;
  });
  return { scores: { candidates: scored, chosen }, judgeUsage };
}
