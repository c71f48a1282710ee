import type { ChatMessage } from '../../models/index.ts';
import type { RolloutEvent, TurnRole } from '../../rollout/rollout-events.ts';
import type { Termination } from '../../rollout/termination.ts';
import type { Trajectory } from '../../rollout/trajectory.ts';
import type { Verdict, VerdictReason } from '../../rollout/verdict.ts';
import type { JobEndSummary } from '../../batch/job-end-summary.ts';
import { trajectoryTokens } from '../../batch/job-end-summary.ts';
import { oneLine, truncate } from './text-layout.ts';

/** Longest tool result or message kept in a live view; the stored trajectory keeps the full text. */
export const MAX_ENTRY_CHARACTERS = 4000;

/** One step of a conversation as the detail pane shows it. */
export type ConversationEntry =
  | { kind: 'human'; text: string }
  | { kind: 'agent'; text: string }
  | { kind: 'tool-call'; callId: string; name: string; arguments: string; result?: ToolCallResult }
  | { kind: 'note'; text: string };

export interface ToolCallResult {
  /** Undefined when only the tool message was seen (a stored trajectory): then it is guessed from the text. */
  ok: boolean | undefined;
  content: string;
}

/** One rollout as the live view knows it. Immutable: the reducer replaces it on change. */
export interface RolloutView {
  jobId: string;
  blueprintId: string;
  attempt: number;
  status: 'running' | 'finished';
  turn: number;
  /** Who acts in the current turn; undefined between turns and once finished. */
  speaking: TurnRole | undefined;
  /** The latest thing that happened, in a few words. */
  lastEvent: string;
  /** Index of the last message seen in the agent's view (-1 before the first). */
  lastMessageIndex: number;
  toolCalls: number;
  toolErrors: number;
  /** The conversation so far; undefined once dropped to bound memory (finished and out of view). */
  conversation: readonly ConversationEntry[] | undefined;
  termination: Termination | undefined;
  verdict: Verdict | undefined;
  tokens: number;
  /** The stored trajectory of a finished rollout, held while its conversation is (for diagnostics). */
  trajectory?: Trajectory;
  /** A finished rollout known from its job's end only (an event log): kept or why not. */
  outcome?: { kept: boolean; reason: VerdictReason };
  /**
   * A finished rollout known from its job's end only: the id of its trajectory in trajectories.jsonl, read from
   * there when someone opens it. Its conversation meanwhile is the clipped one the event log holds.
   */
  storedAs?: string;
}

const clipped = (text: string) => (text.length > MAX_ENTRY_CHARACTERS ? `${text.slice(0, MAX_ENTRY_CHARACTERS)}… (${text.length} chars)` : text);

/** A job id is `<blueprint id>#<attempt>`; used when a rollout shows up without its job-start. */
export function parseJobId(jobId: string): { blueprintId: string; attempt: number } {
  const match = /^(.*)#(\d+)$/.exec(jobId);
  return match ? { blueprintId: match[1] ?? jobId, attempt: Number(match[2]) } : { blueprintId: jobId, attempt: 0 };
}

export function startRolloutView(jobId: string, blueprintId: string, attempt: number): RolloutView {
  return {
    jobId,
    blueprintId,
    attempt,
    status: 'running',
    turn: 0,
    speaking: undefined,
    lastEvent: 'started',
    lastMessageIndex: -1,
    toolCalls: 0,
    toolErrors: 0,
    conversation: [],
    termination: undefined,
    verdict: undefined,
    tokens: 0,
  };
}

/** Whether a tool result text reads as tau-bench's error strings do. */
export const looksLikeToolError = (content: string) => /^Error\b/.test(content);

function withResult(entries: readonly ConversationEntry[], callId: string, result: ToolCallResult): readonly ConversationEntry[] {
  for (let index = entries.length - 1; index >= 0; index--) {
    const entry = entries[index];
    if (entry?.kind !== 'tool-call' || entry.callId !== callId) continue;
    const ok = result.ok ?? entry.result?.ok;
    const next = entries.slice();
    next[index] = { ...entry, result: { ok, content: result.content } };
    return next;
  }
  return entries;
}

function withCall(entries: readonly ConversationEntry[], callId: string, name: string, argumentsText: string): readonly ConversationEntry[] {
  if (entries.some((entry) => entry.kind === 'tool-call' && entry.callId === callId)) return entries;
  return [...entries, { kind: 'tool-call', callId, name, arguments: clipped(argumentsText) }];
}

/** The entries one message adds to a conversation (tool messages fill in their call's result). */
function addMessage(entries: readonly ConversationEntry[], message: ChatMessage, index: number): readonly ConversationEntry[] {
  switch (message.role) {
    case 'system':
      return index === 0 ? entries : [...entries, { kind: 'note', text: `harness: ${clipped(message.content)}` }];
    case 'user':
      return [...entries, { kind: 'human', text: clipped(message.content) }];
    case 'assistant': {
      let next: readonly ConversationEntry[] = message.content?.trim() ? [...entries, { kind: 'agent', text: clipped(message.content) }] : entries;
      for (const call of message.tool_calls ?? []) next = withCall(next, call.id, call.function.name, call.function.arguments);
      return next;
    }
    case 'tool':
      return withResult(entries, message.tool_call_id, { ok: undefined, content: clipped(message.content) });
  }
}

/** The conversation of a stored trajectory, keeping the ok flags an earlier live view had seen. */
export function conversationOf(messages: readonly ChatMessage[], previous: readonly ConversationEntry[] = []): ConversationEntry[] {
  const knownOk = new Map(previous.flatMap((entry) => (entry.kind === 'tool-call' && entry.result?.ok !== undefined ? [[entry.callId, entry.result.ok] as const] : [])));
  let entries: readonly ConversationEntry[] = [];
  messages.forEach((message, index) => (entries = addMessage(entries, message, index)));
  return entries.map((entry) => {
    if (entry.kind !== 'tool-call' || !entry.result) return entry;
    const ok = knownOk.get(entry.callId) ?? !looksLikeToolError(entry.result.content);
    return { ...entry, result: { ...entry.result, ok } };
  });
}

function describeMessage(message: ChatMessage): string {
  switch (message.role) {
    case 'system':
      return 'harness note';
    case 'user':
      return `human: ${oneLine(message.content)}`;
    case 'assistant': {
      const calls = message.tool_calls ?? [];
      if (calls.length > 0) return `→ ${calls.map((call) => call.function.name).join(', ')}`;
      return `agent: ${oneLine(message.content ?? '')}`;
    }
    case 'tool':
      return `← ${oneLine(message.content)}`;
  }
}

const short = (text: string) => truncate(text, 160);

/** The view after one event of its rollout. */
export function applyRolloutEvent(view: RolloutView, event: RolloutEvent): RolloutView {
  const conversation = view.conversation;
  switch (event.type) {
    case 'turn-start':
      return { ...view, turn: event.turn, speaking: event.role, lastEvent: `${event.role} turn ${event.turn}` };
    case 'turn-end':
      return view.speaking === event.role ? { ...view, speaking: undefined } : view;
    case 'message': {
      if (event.index <= view.lastMessageIndex) return view;
      return {
        ...view,
        lastMessageIndex: event.index,
        lastEvent: event.index === 0 && event.message.role === 'system' ? view.lastEvent : short(describeMessage(event.message)),
        conversation: conversation && addMessage(conversation, event.message, event.index),
      };
    }
    case 'tool-call':
      return {
        ...view,
        lastEvent: short(`→ ${event.call.function.name}(${oneLine(event.call.function.arguments)})`),
        conversation: conversation && withCall(conversation, event.call.id, event.call.function.name, event.call.function.arguments),
      };
    case 'tool-result':
      return {
        ...view,
        toolCalls: view.toolCalls + 1,
        toolErrors: view.toolErrors + (event.ok ? 0 : 1),
        lastEvent: short(`← ${event.name} ${event.ok ? 'ok' : 'error'}: ${oneLine(event.content)}`),
        conversation: conversation && withResult(conversation, event.callId, { ok: event.ok, content: clipped(event.content) }),
      };
    case 'wait-nudge':
      return {
        ...view,
        lastEvent: 'user told to wait for the agent',
        conversation: conversation && [...conversation, { kind: 'note', text: 'harness: the user tried to stop before the agent acted, and was told to wait' }],
      };
    case 'termination':
      return { ...view, termination: event.termination, speaking: undefined, lastEvent: `ended: ${event.termination.reason}` };
    case 'verdict':
      return { ...view, verdict: event.verdict, lastEvent: `verdict: ${event.verdict.kept ? 'kept' : event.verdict.reason}` };
  }
}

/**
 * The finished view of a rollout from its trajectory. The conversation is rebuilt from the stored
 * messages only when `keepConversation` (the live one may have missed events).
 */
export function finishRolloutView(view: RolloutView | undefined, jobId: string, trajectory: Trajectory, keepConversation: boolean): RolloutView {
  const base = view ?? startRolloutView(jobId, trajectory.blueprintId, trajectory.attempt);
  const { verdict, termination, stats } = trajectory;
  return {
    ...base,
    status: 'finished',
    speaking: undefined,
    turn: Math.max(base.turn, stats.turns),
    toolCalls: stats.toolCalls,
    toolErrors: stats.toolErrors,
    lastMessageIndex: trajectory.messages.length - 1,
    lastEvent: `${verdict.kept ? 'kept' : `rejected: ${verdict.reason}`} · ${termination.reason}`,
    conversation: keepConversation ? conversationOf(trajectory.messages, base.conversation) : undefined,
    termination,
    verdict,
    tokens: trajectoryTokens(trajectory),
    ...(keepConversation ? { trajectory } : {}),
  };
}

/**
 * The finished view of a rollout known from its job's end only (an event log references the trajectory by id):
 * the conversation is what the log's clipped messages built, and the trajectory is read by id when opened.
 */
export function finishRolloutViewFromSummary(view: RolloutView | undefined, jobId: string, trajectoryId: string, summary: JobEndSummary): RolloutView {
  const { blueprintId, attempt } = parseJobId(jobId);
  const base = view ?? startRolloutView(jobId, blueprintId, attempt);
  return {
    ...base,
    status: 'finished',
    speaking: undefined,
    turn: Math.max(base.turn, summary.turns),
    toolCalls: summary.toolCalls,
    toolErrors: summary.toolErrors,
    lastEvent: `${summary.kept ? 'kept' : `rejected: ${summary.reason}`} · ${summary.termination.reason}`,
    termination: summary.termination,
    tokens: summary.tokens,
    outcome: { kept: summary.kept, reason: summary.reason },
    storedAs: trajectoryId,
  };
}

/**
 * A finished rollout known by reference, with its stored trajectory read in (`find` reads the run's
 * trajectories.jsonl by id): its whole conversation and verdict. Unchanged when it cannot be found.
 */
export function withStoredTrajectory(view: RolloutView, find: ((trajectoryId: string) => Trajectory | undefined) | undefined): RolloutView {
  if (view.status !== 'finished' || view.trajectory || !view.storedAs || !find) return view;
  const trajectory = find(view.storedAs);
  return trajectory ? finishRolloutView(view, view.jobId, trajectory, true) : view;
}

/** Termination reasons that count as errors (the rollout did not run its course), not as rejections. */
export const isErrorEnding = (termination: Termination | undefined) =>
  termination !== undefined && (termination.reason === 'agent-error' || termination.reason === 'human-error' || termination.reason === 'infrastructure-error');
