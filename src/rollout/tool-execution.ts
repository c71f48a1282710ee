import type { Domain, DomainState, ToolKind } from '../domain-kit/index.ts';
import type { MessageToolCall } from '../models/index.ts';

/** The result of one tool call of the agent, as it goes back to the agent. */
export interface ToolOutcome {
  callId: string;
  name: string;
  ok: boolean;
  content: string;
  kind: ToolKind | undefined;
  /** The call's arguments were not valid JSON (a protocol error as well as a tool error). */
  malformedArguments: boolean;
}

/** Parses a tool call's raw argument text: an object, or the reason it is not one. */
export function parseToolArguments(text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  }
}

/**
 * Executes one agent tool call on the rollout's private state. Nothing here throws for the model's
 * mistakes: an unknown tool, arguments that are not JSON or fail the tool's schema all come back as
 * error results the agent sees.
 */
export function executeToolCall(domain: Domain, state: DomainState, call: MessageToolCall): ToolOutcome {
  const name = call.function.name;
  const parsed = parseToolArguments(call.function.arguments);
  if (!parsed.ok) {
    return { callId: call.id, name, ok: false, content: `Error: the arguments of ${name} are not valid JSON (${parsed.problem})`, kind: domain.tool(name)?.kind, malformedArguments: true };
  }
  const result = domain.execute(state, { name, arguments: parsed.value });
  return { callId: call.id, name, ok: result.ok, content: result.content, kind: result.kind, malformedArguments: false };
}
