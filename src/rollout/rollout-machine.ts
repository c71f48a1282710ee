import { assign, setup, type ActorRefFrom } from 'xstate';
import type { Domain, DomainState, FunctionToolSchema } from '../domain-kit/index.ts';
import {
  addUsage,
  isAbortError,
  isEndpointRejection,
  looksLikeTextToolCall,
  ModelRequestError,
  ModelUnavailableError,
  type AssistantMessage,
  type ChatMessage,
  type ChatModel,
  type ChatResponse,
  type MessageToolCall,
  type TokenUsage,
} from '../models/index.ts';
import { WAIT_FOR_AGENT_HINT } from './human-prompt.ts';
import type { HumanReply, HumanRole } from './human-role.ts';
import { awaitedAgentMessage, stopsBeforePendingWrite, withoutStopTokens } from './pending-write.ts';
import { agentView, PROTOCOL_NOTE_EMPTY, PROTOCOL_NOTE_TEXT_TOOL_CALL, PROTOCOL_NOTE_TEXT_WITH_TOOLS, protocolNote, type ProtocolNoteRole } from './protocol-notes.ts';
import type { RolloutEvent, RolloutEventListener } from './rollout-events.ts';
import { agentSaidStop, anyOf, maxMessages, repeatedCall, tokenBudget, tooManyErrors, type StopCondition } from './stop-conditions.ts';
import { stopTokenIn, type Termination } from './termination.ts';
import { executeToolCall, type ToolOutcome } from './tool-execution.ts';
import type { Intervention, RoleName, RoleUsage, RolloutStats } from './trajectory.ts';
import { humanTranscript } from './transcript.ts';

export interface RolloutLimits {
  /** Messages in the conversation (system excluded) before it ends as max-turns. tau2's default: 200. */
  maxMessages: number;
  /** Tool errors plus protocol errors before it ends as too-many-errors. tau2's default: 10. */
  maxErrors: number;
  /** The same tool call with the same arguments this many times in a row ends it as repeated-call. */
  maxRepeatedCalls: number;
  /** Tokens (every role, prompt plus completion) before it ends as token-budget; no budget when absent. */
  maxTokens?: number;
}

export const defaultRolloutLimits: RolloutLimits = Object.freeze({ maxMessages: 200, maxErrors: 10, maxRepeatedCalls: 3 });

/** The role and model whose call failed, when a model call ended the rollout. */
export interface FailedRole {
  role: 'human' | 'agent';
  model: string;
}

export interface RolloutMachineInput {
  domain: Domain;
  /** The rollout's private copy of the domain state; the agent's tool calls change it. */
  state: DomainState;
  human: HumanRole;
  agent: ChatModel;
  limits: RolloutLimits;
  /** How protocol notes go to the agent: user-role text (the default), or system messages. */
  protocolNotes?: ProtocolNoteRole;
  /** Told everything that happens, in order, as it happens. */
  onEvent?: RolloutEventListener;
}

/** What a finished rollout hands back (the trajectory minus its verdict and bookkeeping). */
export interface RolloutOutput {
  messages: ChatMessage[];
  termination: Termination;
  stats: RolloutStats;
  usage: Partial<Record<RoleName, RoleUsage>>;
  humanScores: { messageIndex: number; candidates: { text: string; score: number | null }[]; chosen: number }[];
  interventions: Intervention[];
  /** Which role's model call ended the rollout, if one did. */
  failure?: FailedRole;
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
  /** Index of the tool result of the latest write that succeeded (what the STOP guard reads). */
  lastWriteIndex: number | undefined;
  terminated: boolean;
  /** The events of the latest context update, told to the listener by the `publish` action that follows it. */
  outbox: RolloutEvent[];
  /** Aborts the model call under way when the rollout is cancelled (its signal goes with every call). */
  calls: AbortController;
}

/** The machine's events: a turn's result, as the call it started delivers it, or the caller's cancel. */
export type RolloutMachineEvent =
  | { type: 'HUMAN_REPLIED'; reply: HumanReply }
  | { type: 'AGENT_REPLIED'; response: ChatResponse }
  | { type: 'TURN_FAILED'; error: unknown }
  /** `detail`: why the caller cancelled, when it said (recorded in the failed job). */
  | { type: 'ABORT'; detail?: string };

/** Sends a started call's outcome back to the machine, unless the rollout has ended meanwhile. */
function deliver<T>(self: { send: (event: RolloutMachineEvent) => void; getSnapshot: () => { status: string } }, call: () => Promise<T>, done: (value: T) => RolloutMachineEvent): void {
  const sendIfActive = (event: RolloutMachineEvent) => {
    if (self.getSnapshot().status === 'active') self.send(event);
  };
  let work: Promise<T>;
  try {
    work = call();
  } catch (error) {
    work = Promise.reject(error);
  }
  work.then((value) => sendIfActive(done(value)), (error: unknown) => sendIfActive({ type: 'TURN_FAILED', error }));
}

export { PROTOCOL_NOTE_EMPTY, PROTOCOL_NOTE_TEXT_TOOL_CALL, PROTOCOL_NOTE_TEXT_WITH_TOOLS };

function addRoleUsage(usage: Partial<Record<RoleName, RoleUsage>>, role: RoleName, model: string, calls: number, tokens: TokenUsage | undefined) {
  const previous = usage[role];
  const { promptTokens, completionTokens, totalTokens } = addUsage(previous, tokens);
  // Copied, then set: a spread with a computed key in one literal makes V8 build a slow dictionary object, every turn.
  const next = { ...usage };
  next[role] = { promptTokens, completionTokens, totalTokens, calls: (previous?.calls ?? 0) + calls, model };
  return next;
}

/**
 * How a failed model call ends the rollout. The world's failures — an endpoint that stayed unreachable,
 * one that refused the credentials or the model name (401/403/404), a cancel — end it as a failed job;
 * anything else the role's model did wrong (a bad reply) is that role's error.
 */
export function terminationFor(role: 'human' | 'agent', error: unknown): Termination {
  if (isAbortError(error)) return { reason: 'aborted', detail: 'the rollout was cancelled' };
  const detail = error instanceof Error ? error.message : String(error);
  if (isEndpointRejection(error)) return { reason: 'endpoint-rejected', detail };
  if (error instanceof ModelUnavailableError) return { reason: 'infrastructure-error', detail };
  return { reason: role === 'human' ? 'human-error' : 'agent-error', detail };
}

/** The role and model behind a failed call: the model the error names, else the role's model. */
function failedRole(role: 'human' | 'agent', error: unknown, roleModel: string): FailedRole {
  const model = error instanceof ModelUnavailableError || error instanceof ModelRequestError ? error.model : roleModel;
  return { role, model };
}

function modelFailed(context: RolloutContext, role: 'human' | 'agent', error: unknown): ContextUpdate {
  const update = terminated(terminationFor(role, error));
  return { ...update, assign: { ...update.assign, failure: failedRole(role, error, role === 'human' ? context.input.human.id : context.input.agent.id) } };
}

/** A context update as one assign: its fields, and its events in the outbox (`publish`, the action after it, tells them). */
const applied = (update: ContextUpdate): Partial<RolloutContext> => ({ ...update.assign, outbox: update.events });
const nothingApplied: Partial<RolloutContext> = { outbox: [] };

/**
 * The interplay machine: one per rollout. It only routes — the human turn and the agent turn are named
 * actions that start the role's call (swap them with `.provide()`), whose outcome comes back as an event
 * (`HUMAN_REPLIED`, `AGENT_REPLIED`, `TURN_FAILED`); every model call gets the rollout's abort signal, and
 * everything that happens is told to `input.onEvent` as a `RolloutEvent`. A turn is an action, not an
 * invoked actor: an actor per turn (created, started, stopped, its result relayed) cost more XState work than
 * the turn's own. Each update is an `assign` followed by `publish`, a plain action that calls the listener:
 * not `enqueueActions` with an emit per event, whose queue and deferred emits cost more than the rollout's
 * own work per turn.
 */
export const rolloutMachine = setup({
  types: {
    input: {} as RolloutMachineInput,
    context: {} as RolloutContext,
    output: {} as RolloutOutput,
    events: {} as RolloutMachineEvent,
  },
  guards: {
    terminated: ({ context }) => context.terminated,
    agentMustRetry: ({ context }) => context.agentMustRetry,
    hasPendingCalls: ({ context }) => context.pendingCalls.length > 0,
    limitReached: ({ context }) => limitCondition(context) !== undefined,
  },
  actions: {
    humanTurn: ({ context, self }) => {
      const { human } = context.input;
      const transcript = humanTranscript(context.messages);
      const { hint } = context;
      const { signal } = context.calls;
      deliver(self, () => human.reply({ transcript, ...(hint ? { hint } : {}), signal }), (reply) => ({ type: 'HUMAN_REPLIED', reply }));
    },
    agentTurn: ({ context, self }) => {
      const { agent } = context.input;
      const request = { messages: agentView(context.messages), tools: context.tools, signal: context.calls.signal };
      deliver(self, () => agent.complete(request), (response) => ({ type: 'AGENT_REPLIED', response }));
    },
    cancelCalls: ({ context }) => context.calls.abort(new DOMException('the rollout was cancelled', 'AbortError')),
    startTurn: ({ context }, params: { role: 'human' | 'agent' | 'tools' }) => context.input.onEvent?.({ type: 'turn-start', role: params.role, turn: context.stats.turns }),
    publish: ({ context }) => {
      const listener = context.input.onEvent;
      if (listener) for (const event of context.outbox) listener(event);
    },
    terminateOnLimit: assign(({ context }) => {
      const termination = limitCondition(context);
      return termination ? applied(terminated(termination)) : nothingApplied;
    }),
    // The tools run inside the assign: they change only the rollout's own state, once per tool turn.
    executeTools: assign(({ context }) => {
      const { domain, state } = context.input;
      let outcomes: ToolOutcome[];
      try {
        outcomes = context.pendingCalls.map((call) => executeToolCall(domain, state, call));
      } catch (error) {
        return applied(terminated({ reason: 'agent-error', detail: `tool execution failed: ${(error as Error).message}` }));
      }
      return applied(recordToolResults(context, outcomes));
    }),
    abort: assign(({ context, event }) => (context.terminated || event.type !== 'ABORT' ? nothingApplied : applied(terminated({ reason: 'aborted', detail: event.detail ?? 'the rollout was cancelled' })))),
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
    lastWriteIndex: undefined,
    terminated: false,
    outbox: [],
    calls: new AbortController(),
  }),
  // Only a cancel can end the rollout with a call under way: every other way to `ended` follows a reply.
  on: { ABORT: { target: '.ended', actions: ['abort', 'publish', 'cancelCalls'] } },
  initial: 'human',
  states: {
    human: {
      entry: [{ type: 'startTurn', params: { role: 'human' } }, 'humanTurn'],
      on: {
        HUMAN_REPLIED: { target: 'afterHuman', actions: [assign(({ context, event }) => applied(recordHumanReply(context, event.reply))), 'publish'] },
        TURN_FAILED: { target: 'ended', actions: [assign(({ context, event }) => applied(modelFailed(context, 'human', event.error))), 'publish'] },
      },
    },
    afterHuman: {
      always: [{ guard: 'terminated', target: 'ended' }, { guard: 'limitReached', target: 'ended', actions: ['terminateOnLimit', 'publish'] }, { target: 'agent' }],
    },
    agent: {
      entry: [{ type: 'startTurn', params: { role: 'agent' } }, 'agentTurn'],
      on: {
        AGENT_REPLIED: { target: 'afterAgent', actions: [assign(({ context, event }) => applied(recordAgentReply(context, event.response))), 'publish'] },
        TURN_FAILED: { target: 'ended', actions: [assign(({ context, event }) => applied(modelFailed(context, 'agent', event.error))), 'publish'] },
      },
    },
    afterAgent: {
      always: [
        { guard: 'terminated', target: 'ended' },
        { guard: 'limitReached', target: 'ended', actions: ['terminateOnLimit', 'publish'] },
        { guard: 'hasPendingCalls', target: 'tools' },
        { guard: 'agentMustRetry', target: 'agent' },
        { target: 'human' },
      ],
    },
    tools: {
      // Tools are synchronous and pure apart from the rollout's own state: they run inside the
      // transition, not as an actor (an actor per tool turn cost ~10% of an offline rollout).
      // The checks after the tool turn are made here, in the same step (no state between it and the agent's turn).
      entry: [{ type: 'startTurn', params: { role: 'tools' } }, 'executeTools', 'publish'],
      always: [{ guard: 'terminated', target: 'ended' }, { guard: 'limitReached', target: 'ended', actions: ['terminateOnLimit', 'publish'] }, { target: 'agent' }],
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
    ...(context.failure ? { failure: context.failure } : {}),
  }),
});

export type RolloutActor = ActorRefFrom<typeof rolloutMachine>;

// The recorders below are pure: each turns one actor result into a context update and the events it
// emits. The machine applies them inside XState's transition: an assign, then `publish`.
interface ContextUpdate {
  assign: Partial<RolloutContext>;
  events: RolloutEvent[];
}

/** The stop condition of each rollout's limits, made once per rollout rather than at every check. */
const stopConditionsOf = new WeakMap<RolloutLimits, StopCondition>();

/** The limits and guards checked between turns, in this order. */
function stopConditions(limits: RolloutLimits): StopCondition {
  let condition = stopConditionsOf.get(limits);
  if (condition === undefined) stopConditionsOf.set(limits, (condition = makeStopConditions(limits)));
  return condition;
}

function makeStopConditions(limits: RolloutLimits): StopCondition {
  return anyOf(
    agentSaidStop(),
    repeatedCall(limits.maxRepeatedCalls),
    maxMessages(limits.maxMessages),
    tooManyErrors(limits.maxErrors),
    ...(limits.maxTokens !== undefined ? [tokenBudget(limits.maxTokens)] : []),
  );
}

const limitCondition = (context: RolloutContext) => stopConditions(context.input.limits)({ messages: context.messages, stats: context.stats, usage: context.usage });

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
  // The human's own thinking, if its model produced any, is kept with its message; only `content` is its words.
  const thinking = reply.reasoning ? { reasoning: reply.reasoning } : {};
  const asked = awaitedAgentMessage(context.messages);
  if (asked && asked.index !== context.nudgedAgentMessage && stopsBeforePendingWrite(context.messages, context.lastWriteIndex, reply.text)) {
    // The user agreed to a write that has not run yet and said STOP in one breath: hold the stop back, once for this request.
    const added: ChatMessage[] = [{ role: 'user', content: withoutStopTokens(reply.text), ...thinking }];
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
  const added: ChatMessage[] = [{ role: 'user', content: reply.text, ...thinking }];
  const update: ContextUpdate = { assign: { messages: [...context.messages, ...added], usage, humanScores, stats, hint: undefined }, events: [...messageEvents(context, added), turnEnd] };
  const reason = stopTokenIn(reply.text);
  return reason ? merge(update, terminated({ reason, detail: 'the user ended the conversation' })) : update;
}

/**
 * The agent's tool calls with ids unique within the trajectory: a missing id, or one an earlier call
 * already used (servers that number every reply's calls from 1, or send none), becomes
 * `call_<message index>_<position>`, so each tool result answers exactly one call.
 */
export function uniqueToolCallIds(messages: readonly ChatMessage[], calls: readonly MessageToolCall[], messageIndex: number): MessageToolCall[] {
  if (calls.length === 0) return [];
  const used = new Set(messages.flatMap((message) => (message.role === 'assistant' ? (message.tool_calls ?? []).map((call) => call.id) : [])));
  return calls.map((call, position) => {
    let id = call.id;
    for (let attempt = 0; !id || used.has(id); attempt++) id = `call_${messageIndex}_${position + 1}${attempt > 0 ? `_${attempt}` : ''}`;
    used.add(id);
    return id === call.id ? call : { ...call, id };
  });
}

/** The agent's message as stored: its words, its calls, and its thinking and text-parsed mark when it had them. */
function storedAgentMessage(message: AssistantMessage, calls: MessageToolCall[]): AssistantMessage {
  return {
    role: 'assistant',
    content: message.content,
    ...(calls.length > 0 ? { tool_calls: calls } : {}),
    ...(message.reasoning ? { reasoning: message.reasoning } : {}),
    ...(message.toolCallsFromText && calls.length > 0 ? { toolCallsFromText: true as const } : {}),
  };
}

export function recordAgentReply(context: RolloutContext, response: ChatResponse): ContextUpdate {
  const usage = addRoleUsage(context.usage, 'agent', context.input.agent.id, 1, response.usage);
  const stats = { ...context.stats, turns: context.stats.turns + 1 };
  const turnEnd: RolloutEvent = { type: 'turn-end', role: 'agent', turn: context.stats.turns };
  const noteRole = context.input.protocolNotes ?? 'user';
  const { message } = response;
  const messageIndex = context.messages.length;
  const calls = uniqueToolCallIds(context.messages, message.tool_calls ?? [], messageIndex);
  // Only `content` is text for the user: reasoning beside tool calls is neither text nor a protocol error.
  const text = message.content?.trim() ?? '';
  const retry = (added: ChatMessage[]): ContextUpdate => ({
    assign: { messages: [...context.messages, ...added], usage, stats: { ...stats, protocolErrors: stats.protocolErrors + 1 }, agentMustRetry: true, pendingCalls: [] },
    events: [...messageEvents(context, added), turnEnd],
  });
  if (calls.length === 0 && text === '') return retry([protocolNote(PROTOCOL_NOTE_EMPTY, noteRole)]);
  // A tool call the adapter could not parse out of the text: kept for the record, never shown to the human.
  if (calls.length === 0 && looksLikeTextToolCall(text)) return retry([storedAgentMessage(message, calls), protocolNote(PROTOCOL_NOTE_TEXT_TOOL_CALL, noteRole)]);
  const added: ChatMessage[] = [storedAgentMessage(message, calls)];
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
    added.push(protocolNote(PROTOCOL_NOTE_TEXT_WITH_TOOLS, context.input.protocolNotes ?? 'user'));
  }
  const lastWrite = outcomes.findLastIndex((outcome) => outcome.ok && outcome.kind === 'write');
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
      ...(lastWrite !== -1 ? { lastWriteIndex: context.messages.length + lastWrite } : {}),
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
