import type { RecordTypes } from './base-state.ts';
import type { Domain, ToolCall, ToolExecution } from './domain.ts';
import type { DomainState } from './domain-state.ts';

/**
 * Runs actions in order on `state`, as tau-bench's grader does: an action that fails changes
 * nothing and the replay goes on. Returns each action's result.
 */
export function replayActions<R extends RecordTypes>(domain: Domain<R>, state: DomainState<R>, actions: readonly ToolCall[]): ToolExecution[] {
  return actions.map((action) => domain.execute(state, action));
}
