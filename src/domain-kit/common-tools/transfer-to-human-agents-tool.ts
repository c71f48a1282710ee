import { z } from 'zod';
import type { RecordTypes } from '../base-state.ts';
import type { DomainState } from '../domain-state.ts';
import { defineTool, ok, type ToolDefinition } from '../tool.ts';

const transferParams = z.object({ summary: z.string().describe("A summary of the user's issue.") });

/** tau-bench's `transfer_to_human_agents`, the same in every domain: it ends the conversation. */
export function defineTransferToHumanAgentsTool<R extends RecordTypes>(): ToolDefinition<R, typeof transferParams> {
  return defineTool({
    name: 'transfer_to_human_agents',
    description:
      "Hand the user over to a human agent, with a summary of the user's issue. Transfer only when the user explicitly asks for a human agent, or when the issue cannot be solved with the tools available.",
    params: transferParams,
    kind: 'terminal',
    run(_state: DomainState<R>) {
      return ok('Transfer successful');
    },
  });
}
