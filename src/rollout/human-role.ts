import type { TokenUsage } from '../models/index.ts';
import type { TranscriptTurn } from './transcript.ts';

/** Best-of-N: every candidate reply with its judge score (null when the judge's answer had none) and the one kept. */
export interface CandidateScores {
  candidates: { text: string; score: number | null }[];
  chosen: number;
}

export interface HumanReply {
  /** The human's words: what the agent is sent and what is read for stop tokens and consent. */
  text: string;
  /** The human model's thinking, when it produced any: kept in the trajectory, never sent to the agent. */
  reasoning?: string;
  /** Tokens this reply cost, judge calls of Best-of-N included under `judgeUsage`. */
  usage?: TokenUsage;
  judgeUsage?: TokenUsage;
  /** Number of model calls behind this reply. */
  calls: number;
  judgeCalls?: number;
  scores?: CandidateScores;
}

export interface HumanTurnInput {
  /** The conversation so far as the human sees it (no tools, no policy). */
  transcript: TranscriptTurn[];
  /** A note from the harness for this turn only (e.g. "wait for the agent"), never shown to the agent. */
  hint?: string;
  signal: AbortSignal;
}

/** The simulated human: knows only its instruction and what the agent said. */
export interface HumanRole {
  readonly id: string;
  reply(input: HumanTurnInput): Promise<HumanReply>;
}

/** The human produced something unusable (an empty reply). */
export class HumanReplyError extends Error {
  override readonly name = 'HumanReplyError';
}
