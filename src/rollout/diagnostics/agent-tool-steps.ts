import { DomainState, type BaseState, type Domain, type ToolKind } from '../../domain-kit/index.ts';
import type { ChatMessage } from '../../models/index.ts';
import { parseToolArguments } from '../tool-execution.ts';

/** One tool call of the agent, as the transcript holds it and as a fresh replay runs it. */
export interface AgentToolStep {
  /** 0-based, over every tool call of the agent, in order. */
  step: number;
  /** The assistant message that made the call. */
  messageIndex: number;
  callId: string;
  name: string;
  /** The parsed arguments; undefined when they were not JSON. */
  arguments: Record<string, unknown> | undefined;
  kind: ToolKind | undefined;
  /** What the replay on a fresh state returned (the result the agent should have seen). */
  ok: boolean;
  result: string;
  /** The result the transcript holds for this call (undefined when none answered it). */
  storedResult: string | undefined;
  /** The replay state just before and after the call (copy-on-write forks). */
  before: DomainState;
  after: DomainState;
}

/**
 * Every tool call of the agent, replayed in order on a fresh state of `base` (as the rollout ran them), each
 * with its result and the states around it. Pure: nothing but the messages and the domain is read.
 */
export function agentToolSteps(domain: Domain, base: BaseState, messages: readonly ChatMessage[]): AgentToolStep[] {
  const stored = new Map<string, string>();
  for (const message of messages) if (message.role === 'tool') stored.set(message.tool_call_id, message.content);
  const state = new DomainState(base);
  const steps: AgentToolStep[] = [];
  messages.forEach((message, messageIndex) => {
    if (message.role !== 'assistant') return;
    for (const call of message.tool_calls ?? []) {
      const parsed = parseToolArguments(call.function.arguments);
      const before = state.fork();
      const args = parsed.ok && parsed.value !== null && typeof parsed.value === 'object' && !Array.isArray(parsed.value) ? (parsed.value as Record<string, unknown>) : undefined;
      const execution = parsed.ok ? domain.execute(state, { name: call.function.name, arguments: parsed.value }) : { ok: false, content: `Error: the arguments of ${call.function.name} are not valid JSON`, kind: domain.tool(call.function.name)?.kind };
      steps.push({
        step: steps.length,
        messageIndex,
        callId: call.id,
        name: call.function.name,
        arguments: args,
        kind: execution.kind,
        ok: execution.ok,
        result: execution.content,
        storedResult: stored.get(call.id),
        before,
        after: state.fork(),
      });
    }
  });
  return steps;
}
