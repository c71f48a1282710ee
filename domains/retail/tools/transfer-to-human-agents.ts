import { z } from 'zod';
import { defineTool, ok, type DomainState } from '../../../src/domain-kit/index.ts';
import type { RetailRecords } from '../schema.ts';

export const transferToHumanAgents = defineTool({
  name: 'transfer_to_human_agents',
  description:
    "Hand the user over to a human agent, with a summary of the user's issue. Transfer only when the user explicitly asks for a human, or when the issue cannot be solved with the tools available.",
  params: z.object({ summary: z.string().describe("A summary of the user's issue.") }),
  kind: 'terminal',
  run(_state: DomainState<RetailRecords>) {
    return ok('Transfer successful');
  },
});
