import { definePolicyRule } from '../../../src/domain-kit/index.ts';
import type { RetailRecords } from '../schema.ts';
import { describeStep, identifiedUser, orderWriteTools, userWriteTools, type RuleFinding } from './trace-reading.ts';

/** Reads that show the user's own records: like writes, they wait until the user is identified. */
const personalReads = ['get_user_details', 'get_order_details'];

/**
 * The user is identified (email, or name and zip code) before anything of theirs is read or changed,
 * even when they give their user id. `appliesTo` names the tools whose use the rule governs: every
 * write, and the reads of the user's profile and orders.
 */
export const identifyUserFirst = definePolicyRule<RetailRecords>({
  name: 'identify-user-first',
  description:
    'The user is identified with find_user_id_by_email or find_user_id_by_name_zip before any of their details are read or any write is made, even when they give their user id.',
  appliesTo: [...orderWriteTools, ...userWriteTools, ...personalReads],
  check(trace) {
    const findings: RuleFinding[] = [];
    let identified = false;
    for (const step of trace.steps) {
      if (identifiedUser(step) === trace.userId) identified = true;
      const needsIdentity = step.result.kind === 'write' || personalReads.includes(step.call.name);
      if (identified || !needsIdentity) continue;
      findings.push({
        actionIndex: step.index,
        message: `${describeStep(step)} comes before the user ${trace.userId} is identified: first find their user id with find_user_id_by_email or find_user_id_by_name_zip (even when the user gives the id).`,
      });
    }
    return findings;
  },
});
