import type { RecordTypes } from './base-state.ts';
import { parseArguments, type Domain, type ToolCall, type ToolExecution } from './domain.ts';
import type { DomainState } from './domain-state.ts';

/**
 * Runs actions in order on `state`, as tau-bench's grader does: an action that fails changes
 * nothing and the replay goes on. Returns each action's result.
 */
export function replayActions<R extends RecordTypes>(domain: Domain<R>, state: DomainState<R>, actions: readonly ToolCall[]): ToolExecution[] {
  return actions.map((action) => domain.execute(state, action));
}

/**
 * What is wrong with a list of calls before any runs: unknown tools and arguments that do not fit
 * the tool's parameters, each named by its action index. Empty when every call is well-formed.
 */
export function describeCallProblems<R extends RecordTypes>(domain: Domain<R>, calls: readonly ToolCall[]): string[] {
  return calls.flatMap((call, index) => {
    const tool = domain.tool(call.name);
    if (!tool) return [`action ${index}: unknown tool "${call.name}" (the ${domain.name} domain has ${domain.tools.map((known) => known.name).join(', ')})`];
    const parsed = parseArguments(tool as never, call.arguments);
    return parsed.ok ? [] : [`action ${index}: ${parsed.message.replace(/^Error: /, '')}`];
  });
}
