import { definePolicyRule } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords } from '../schema.ts';
import { AIRLINE_WRITE_TOOLS, stringArgument, succeededSteps, type Finding } from './airline-trace.ts';

/** The user is identified by looking up their profile by the user id they gave (get_user_details). */
export const userIdentifiedBeforeWrite = definePolicyRule<AirlineRecords>({
  name: 'user-identified-before-write',
  description: 'Before any change to the database the agent identifies the user by looking up their profile with the user id they give.',
  appliesTo: AIRLINE_WRITE_TOOLS,
  check(trace) {
    const findings: Finding[] = [];
    let identified = false;
    for (const step of succeededSteps(trace)) {
      if (step.call.name === 'get_user_details' && stringArgument(step, 'user_id') === trace.userId) identified = true;
      else if (step.result.kind === 'write' && !identified) {
        findings.push({
          actionIndex: step.index,
          message: `${step.call.name} runs before the user is identified: first look up user ${trace.userId} with get_user_details`,
        });
      }
    }
    return findings;
  },
});
