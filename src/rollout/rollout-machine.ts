import { enqueueActions, fromPromise, setup, type ActorRefFrom } from 'xstate';
import type { Domain, DomainState, FunctionToolSchema } from '../domain-kit/index.ts';
import { addUsage, isAbortError, ModelUnavailableError, type ChatMessage, type ChatModel, type ChatResponse, type MessageToolCall, type TokenUsage } from '../models/index.ts';
import { WAIT_FOR_AGENT_HINT } from './human-prompt.ts';
import type { HumanReply, HumanRole } from './human-role.ts';
import { stopsBeforePendingWrite, withoutStopTokens } from './pending-write.ts';
import type { RolloutEvent } from './rollout-events.ts';
import { anyOf, maxMessages, tooManyErrors } from './stop-conditions.ts';
import { stopTokenIn, type Termination } from './termination.ts';
import { executeToolCall, type ToolOutcome } from './tool-execution.ts';
import type { Intervention, RoleName, RoleUsage, RolloutStats } from './trajectory.ts';
import { humanTranscript, type TranscriptTurn } from './transcript.ts';

export interface RolloutLimits {
  /** Messages in the conversation (system excluded) before it ends as max-turns. tau2's default: 200. */
  maxMessages: number;
  /** Tool errors plus protocol errors before it ends as too-many-errors. tau2's default: 10. */
  maxErrors: number;
}

export const defaultRolloutLimits: RolloutLimits = Object.freeze({ maxMessages: 200, maxErrors: 10 });

export interface RolloutMachineInput {
  domain: Domain;
  /** The rollout's private copy of the domain state; the agent's tool calls change it. */
  state: DomainState;
  human: HumanRole;
  agent: ChatModel;
  limits: RolloutLimits;
}

/** What a finished rollout hands back (the trajectory minus its verdict and bookkeeping). */
export interface RolloutOutput {
  messages: ChatMessage[];
  termination: Termination;
  stats: RolloutStats;
  usage: Partial<Record<RoleName, RoleUsage>>;
  humanScores: { messageIndex: number; candidates: { text: string; score: number | null }[]; chosen: number }[];
  interventions: Intervention[];
}

export interface RolloutContext extends RolloutOutput {
  input: RolloutMachineInput;
  tools: FunctionToolSchema[];
  /** A harness note for the human's next turn only. */
  hint: string | undefined;
  /** Index of the agent message whose confirmation the human already got a wait-nudge for. */
  nudgedAgentMessage: number | undefined;
  /** Tool calls of the last agent message, waiting to run. */
  pendingCalls: MessageToolCall[];
  /** The last agent message was unusable: ask the agent again. */
  agentMustRetry: boolean;
  terminated: boolean;
}

export const PROTOCOL_NOTE_EMPTY = 'Protocol error: your last message had neither text nor tool calls. Reply to the user with text, or call a tool.';
export const PROTOCOL_NOTE_TEXT_WITH_TOOLS =
  'Protocol error: your last message had text for the user and tool calls together. The tool calls were run, but the text was not shown to the user. Send text and tool calls in separate messages.';

function addRoleUsage(usage: Partial<Record<RoleName, RoleUsage>>, role: RoleName, model: string, calls: number, tokens: TokenUsage | undefined) {
  const previous = usage[role];
  return { ...usage, [role]: { ...addUsage(previous, tokens), calls: (previous?.calls ?? 0) + calls, model } };
}

function terminationFor(role: 'human' | 'agent', error: unknown): Termination {
  if (isAbortError(error)) return { reason: 'aborted' };
  const detail = error instanceof Error ? error.message : String(error);
  if (error instanceof ModelUnavailableError) return { reason: 'infrastructure-error', detail };
  return { reason: role === 'human' ? 'human-error' : 'agent-error', detail };
}

const lastAgentText = (messages: readonly ChatMessage[]): { text: string; index: number } | undefined => {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index] as ChatMessage;
    if (message.role === 'assistant' && message.content && !message.tool_calls?.length) return { text: message.content, index };
    if (message.role === 'user') return undefined;
  }
  return undefined;
};

/** Applies a context update through the machine's action queue: one assign, then its events. */
function apply(enqueue: { assign: (update: Partial<RolloutContext>) => void; emit: (event: RolloutEvent) => void }, update: ContextUpdate) {
  enqueue.assign(update.assign);
  for (const event of update.events) enqueue.emit(event);
}

/**
 * The interplay machine: one per rollout. It only routes — the human turn, the agent turn and the tool
 * execution are named actors (swap them with `.provide()`), every model call gets the actor's abort
 * signal, and everything that happens is emitted as a `RolloutEvent`.
 */
export const rolloutMachine = setup({
  types: {
    input: {} as RolloutMachineInput,
    context: {} as RolloutContext,
    output: {} as RolloutOutput,
    events: {} as { type: 'ABORT' },
    emitted: {} as RolloutEvent,
  },
  actors: {
    humanTurn: fromPromise<HumanReply, { human: HumanRole; transcript: TranscriptTurn[]; hint: string | undefined }>(({ input, signal }) =>
      input.human.reply({ transcript: input.transcript, ...(input.hint ? { hint: input.hint } : {}), signal }),
    ),
    agentTurn: fromPromise<ChatResponse, { agent: ChatModel; messages: ChatMessage[]; tools: FunctionToolSchema[] }>(({ input, signal }) =>
      input.agent.complete({ messages: input.messages, tools: input.tools, signal }),
    ),
  },
  guards: {
    terminated: ({ context }) => context.terminated,
    agentMustRetry: ({ context }) => context.agentMustRetry,
    hasPendingCalls: ({ context }) => context.pendingCalls.length > 0,
    limitReached: ({ context }) => limitCondition(context) !== undefined,
  },
  actions: {
    startTurn: enqueueActions(({ context, enqueue }, params: { role: 'human' | 'agent' | 'tools' }) => {
      enqueue.emit({ type: 'turn-start', role: params.role, turn: context.stats.turns });
    }),
    terminateOnLimit: enqueueActions(({ context, enqueue }) => {
      const termination = limitCondition(context);
      if (termination) apply(enqueue, terminated(termination));
    }),
    executeTools: enqueueActions(({ context, enqueue }) => {
      const { domain, state } = context.input;
      let outcomes: ToolOutcome[];
      try {
        outcomes = context.pendingCalls.map((call) => executeToolCall(domain, state, call));
      } catch (error) {
        apply(enqueue, terminated({ reason: 'agent-error', detail: `tool execution failed: ${(error as Error).message}` }));
        return;
      }
      apply(enqueue, recordToolResults(context, outcomes));
    }),
    abort: enqueueActions(({ context, enqueue }) => {
      if (!context.terminated) apply(enqueue, terminated({ reason: 'aborted', detail: 'the rollout was cancelled' }));
    }),
  },
}).createMachine({
  id: 'rollout',
  context: ({ input }) => ({
    input,
    tools: input.domain.toolSchemas(),
    messages: [{ role: 'system', content: input.domain.policy }],
    termination: { reason: 'aborted' },
    stats: { turns: 0, toolCalls: 0, toolErrors: 0, protocolErrors: 0, waitNudges: 0 },
    usage: {},
    humanScores: [],
    interventions: [],
    hint: undefined,
    nudgedAgentMessage: undefined,
    pendingCalls: [],
    agentMustRetry: false,
    terminated: false,
  }),
  on: { ABORT: { target: '.ended', actions: 'abort' } },
  initial: 'human',
  states: {
    human: {
      entry: { type: 'startTurn', params: { role: 'human' } },
      invoke: {
        src: 'humanTurn',
        input: ({ context }) => ({ human: context.input.human, transcript: humanTranscript(context.messages), hint: context.hint }),
        onDone: {
          target: 'afterHuman',
          actions: enqueueActions(({ context, event, enqueue }) => apply(enqueue, recordHumanReply(context, event.output))),
        },
        onError: { target: 'ended', actions: enqueueActions(({ event, enqueue }) => apply(enqueue, terminated(terminationFor('human', event.error)))) },
      },
    },
    afterHuman: {
      always: [{ guard: 'terminated', target: 'ended' }, { guard: 'limitReached', target: 'ended', actions: 'terminateOnLimit' }, { target: 'agent' }],
    },
    agent: {
      entry: { type: 'startTurn', params: { role: 'agent' } },
      invoke: {
        src: 'agentTurn',
        input: ({ context }) => ({ agent: context.input.agent, messages: context.messages, tools: context.tools }),
        onDone: {
          target: 'afterAgent',
          actions: enqueueActions(({ context, event, enqueue }) => apply(enqueue, recordAgentReply(context, event.output))),
        },
        onError: { target: 'ended', actions: enqueueActions(({ event, enqueue }) => apply(enqueue, terminated(terminationFor('agent', event.error)))) },
      },
    },
    afterAgent: {
      always: [
        { guard: 'terminated', target: 'ended' },
        { guard: 'limitReached', target: 'ended', actions: 'terminateOnLimit' },
        { guard: 'hasPendingCalls', target: 'tools' },
        { guard: 'agentMustRetry', target: 'agent' },
        { target: 'human' },
      ],
    },
    tools: {
      // Tools are synchronous and pure apart from the rollout's own state: they run inside the
      // transition, not as an actor (an actor per tool turn cost ~10% of an offline rollout).
      entry: [{ type: 'startTurn', params: { role: 'tools' } }, 'executeTools'],
      always: [{ guard: 'terminated', target: 'ended' }, { target: 'afterTools' }],
    },
    afterTools: {
      always: [{ guard: 'terminated', target: 'ended' }, { guard: 'limitReached', target: 'ended', actions: 'terminateOnLimit' }, { target: 'agent' }],
    },
    ended: { type: 'final' },
  },
  output: ({ context }) => ({
    messages: context.messages,
    termination: context.termination,
    stats: context.stats,
    usage: context.usage,
    humanScores: context.humanScores,
    interventions: context.interventions,
  }),
});

export type RolloutActor = ActorRefFrom<typeof rolloutMachine>;

// The recorders below are pure: each turns one actor result into a context update and the events it
// emits. The machine applies them through its own action queue (`apply`), inside XState's transition.
interface ContextUpdate {
  assign: Partial<RolloutContext>;
  events: RolloutEvent[];
}

const limitCondition = (context: RolloutContext) =>
  anyOf(maxMessages(context.input.limits.maxMessages), tooManyErrors(context.input.limits.maxErrors))({ messages: context.messages, stats: context.stats });

function terminated(termination: Termination): ContextUpdate {
  return { assign: { termination, terminated: true }, events: [{ type: 'termination', termination }] };
}

const merge = (...updates: ContextUpdate[]): ContextUpdate => ({
  assign: Object.assign({}, ...updates.map((update) => update.assign)),
  events: updates.flatMap((update) => update.events),
});

const messageEvents = (context: RolloutContext, added: ChatMessage[]): RolloutEvent[] =>
  added.map((message, offset) => ({ type: 'message', index: context.messages.length + offset, message }));

export function recordHumanReply(context: RolloutContext, reply: HumanReply): ContextUpdate {
  let usage = addRoleUsage(context.usage, 'human', context.input.human.id, reply.calls, reply.usage);
  if (reply.judgeCalls) usage = addRoleUsage(usage, 'judge', 'best-of-n judge', reply.judgeCalls, reply.judgeUsage);
  const stats = { ...context.stats, turns: context.stats.turns + 1 };
  const messageIndex = context.messages.length;
  const humanScores = reply.scores ? [...context.humanScores, { messageIndex, ...reply.scores }] : context.humanScores;
  const turnEnd: RolloutEvent = { type: 'turn-end', role: 'human', turn: context.stats.turns };
  const asked = lastAgentText(context.messages);
  if (asked && asked.index !== context.nudgedAgentMessage && stopsBeforePendingWrite(asked.text, reply.text)) {
    // The user agreed and said STOP in one breath: hold the stop back, once for this request.
    const added: ChatMessage[] = [{ role: 'user', content: withoutStopTokens(reply.text) }];
    return {
      assign: {
        messages: [...context.messages, ...added],
        usage,
        humanScores,
        stats: { ...stats, waitNudges: stats.waitNudges + 1 },
        hint: WAIT_FOR_AGENT_HINT,
        nudgedAgentMessage: asked.index,
        interventions: [...context.interventions, { kind: 'wait-nudge', messageIndex, original: reply.text }],
      },
      events: [...messageEvents(context, added), { type: 'wait-nudge', messageIndex }, turnEnd],
    };
  }
  const added: ChatMessage[] = [{ role: 'user', content: reply.text }];
  const update: ContextUpdate = { assign: { messages: [...context.messages, ...added], usage, humanScores, stats, hint: undefined }, events: [...messageEvents(context, added), turnEnd] };
  const reason = stopTokenIn(reply.text);
  return reason ? merge(update, terminated({ reason, detail: 'the user ended the conversation' })) : update;
}

export function recordAgentReply(context: RolloutContext, response: ChatResponse): ContextUpdate {
  const usage = addRoleUsage(context.usage, 'agent', context.input.agent.id, 1, response.usage);
  const stats = { ...context.stats, turns: context.stats.turns + 1 };
  const turnEnd: RolloutEvent = { type: 'turn-end', role: 'agent', turn: context.stats.turns };
  const { message } = response;
  const calls = message.tool_calls ?? [];
  const text = message.content?.trim() ?? '';
  if (calls.length === 0 && text === '') {
    const added: ChatMessage[] = [{ role: 'system', content: PROTOCOL_NOTE_EMPTY }];
    return {
      assign: { messages: [...context.messages, ...added], usage, stats: { ...stats, protocolErrors: stats.protocolErrors + 1 }, agentMustRetry: true, pendingCalls: [] },
      events: [...messageEvents(context, added), turnEnd],
    };
  }
  const added: ChatMessage[] = [{ role: 'assistant', content: message.content, ...(calls.length > 0 ? { tool_calls: calls } : {}) }];
  const textWithTools = calls.length > 0 && text !== '';
  return {
    assign: {
      messages: [...context.messages, ...added],
      usage,
      stats: textWithTools ? { ...stats, protocolErrors: stats.protocolErrors + 1 } : stats,
      agentMustRetry: false,
      pendingCalls: calls,
    },
    events: [...messageEvents(context, added), ...calls.map((call): RolloutEvent => ({ type: 'tool-call', call })), turnEnd],
  };
}

export function recordToolResults(context: RolloutContext, outcomes: ToolOutcome[]): ContextUpdate {
  const added: ChatMessage[] = outcomes.map((outcome) => ({ role: 'tool', tool_call_id: outcome.callId, content: outcome.content }));
  const lastAgent = context.messages[context.messages.length - 1];
  if (lastAgent?.role === 'assistant' && lastAgent.content?.trim() && (lastAgent.tool_calls?.length ?? 0) > 0) {
    added.push({ role: 'system', content: PROTOCOL_NOTE_TEXT_WITH_TOOLS });
  }
  const update: ContextUpdate = {
    assign: {
      messages: [...context.messages, ...added],
      stats: {
        ...context.stats,
        toolCalls: context.stats.toolCalls + outcomes.length,
        toolErrors: context.stats.toolErrors + outcomes.filter((outcome) => !outcome.ok).length,
        protocolErrors: context.stats.protocolErrors + outcomes.filter((outcome) => outcome.malformedArguments).length,
      },
      pendingCalls: [],
    },
    events: [
      ...messageEvents(context, added),
      ...outcomes.map((outcome): RolloutEvent => ({ type: 'tool-result', callId: outcome.callId, name: outcome.name, ok: outcome.ok, content: outcome.content })),
      { type: 'turn-end', role: 'tools', turn: context.stats.turns },
    ],
  };
  const transfer = outcomes.find((outcome) => outcome.kind === 'terminal' && outcome.ok);
  return transfer ? merge(update, terminated({ reason: 'transfer', detail: `the agent called ${transfer.name}` })) : update;
}
