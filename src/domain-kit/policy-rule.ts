import type { BaseState, RecordTypes } from './base-state.ts';
import type { Domain, ToolCall, ToolExecution } from './domain.ts';
import { DomainState } from './domain-state.ts';

/** One action of a blueprint as it ran: the call, its result, and the state just before and after it. */
export interface ActionStep<R extends RecordTypes = RecordTypes> {
  index: number;
  call: ToolCall;
  result: ToolExecution;
  before: DomainState<R>;
  after: DomainState<R>;
}

/** What a policy rule looks at: who the user is and every action with its states. */
export interface PolicyTrace<R extends RecordTypes = RecordTypes> {
  /** The user the conversation is with (the blueprint's user): the one the agent authenticated. */
  userId: string;
  initial: DomainState<R>;
  steps: ActionStep<R>[];
  final: DomainState<R>;
}

/** A broken rule: which rule, at which action, and why, in words a reviewer can act on. */
export interface PolicyViolation {
  rule: string;
  actionIndex?: number;
  message: string;
}

/**
 * An executable check of a domain rule that the tools themselves do not enforce (for example "an order's
 * items can be modified only once"). `check` returns one message per violation, naming the action.
 */
export interface PolicyRule<R extends RecordTypes = RecordTypes> {
  name: string;
  /** The rule in one sentence, as the policy states it. */
  description: string;
  /** The tools whose use the rule governs (lets blueprint generation show the rules that matter for a walk). */
  appliesTo: readonly string[];
  check(trace: PolicyTrace<R>): Array<{ actionIndex?: number; message: string }>;
}

export function definePolicyRule<R extends RecordTypes>(rule: PolicyRule<R>): PolicyRule<R> {
  return Object.freeze(rule);
}

/**
 * Runs actions in order on a fresh state and keeps each one's before and after states (forks are
 * copy-on-write, so this costs only the records the actions touch).
 */
export function tracePolicy<R extends RecordTypes>(domain: Domain<R>, base: BaseState<R>, userId: string, calls: readonly ToolCall[]): PolicyTrace<R> {
  const state = new DomainState(base);
  const initial = state.fork();
  const steps = calls.map((call, index) => {
    const before = state.fork();
    const result = domain.execute(state, call);
    return { index, call, result, before, after: state.fork() };
  });
  return { userId, initial, steps, final: state };
}

/** Every violation of every rule, in rule order. */
export function checkPolicy<R extends RecordTypes>(rules: readonly PolicyRule<R>[], trace: PolicyTrace<R>): PolicyViolation[] {
  return rules.flatMap((rule) => rule.check(trace).map((violation) => ({ rule: rule.name, ...violation })));
}
