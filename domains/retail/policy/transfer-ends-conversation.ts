import { definePolicyRule } from '../../../src/domain-kit/index.ts';
import type { RetailRecords } from '../schema.ts';
import { describeStep } from './trace-reading.ts';

/** A transfer to a human agent hands the conversation over: no action of the agent follows it. */
export const transferEndsConversation = definePolicyRule<RetailRecords>({
  name: 'transfer-ends-conversation',
  description: 'A transfer to a human agent ends the conversation: no other action follows transfer_to_human_agents.',
  appliesTo: ['transfer_to_human_agents'],
  check(trace) {
    const transfer = trace.steps.find((step) => step.call.name === 'transfer_to_human_agents');
    if (!transfer) return [];
    return trace.steps
      .filter((step) => step.index > transfer.index)
      .map((step) => ({
        actionIndex: step.index,
        message: `${describeStep(step)} comes after the transfer to a human agent (actions[${transfer.index}]): the transfer ends the conversation, so it must be the last action.`,
      }));
  },
});
