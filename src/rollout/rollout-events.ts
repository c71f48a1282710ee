import type { ChatMessage, MessageToolCall } from '../models/index.ts';
import type { Termination } from './termination.ts';
import type { Verdict } from './verdict.ts';

/** Who is acting in a turn. */
export type TurnRole = 'human' | 'agent' | 'tools';

/**
 * What a rollout reports as it happens. The engine prints nothing: a UI or a log subscribes to these.
 * `message` carries every message appended to the agent's view, in order, with its index there.
 */
export type RolloutEvent =
  | { type: 'turn-start'; role: TurnRole; turn: number }
  | { type: 'turn-end'; role: TurnRole; turn: number }
  | { type: 'message'; index: number; message: ChatMessage }
  | { type: 'tool-call'; call: MessageToolCall }
  | { type: 'tool-result'; callId: string; name: string; ok: boolean; content: string }
  | { type: 'wait-nudge'; messageIndex: number }
  | { type: 'termination'; termination: Termination }
  | { type: 'verdict'; verdict: Verdict };

export type RolloutEventListener = (event: RolloutEvent) => void;
