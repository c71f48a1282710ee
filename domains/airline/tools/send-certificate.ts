import { z } from 'zod';
import { defineTool, fail, ok, pythonNumberText, type DomainState } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords } from '../schema.ts';

/** The ids a new certificate may take, first free one wins. */
export const newCertificateIds = ['certificate_3221322', 'certificate_3221323', 'certificate_3221324'] as const;

export const sendCertificate = defineTool({
  name: 'send_certificate',
  description: 'Give a user a travel certificate. Use with care!',
  params: z.object({
    user_id: z.string().describe("The ID of the user who receives the certificate, such as 'sara_doe_496'."),
    amount: z.number().describe('The value of the certificate.'),
  }),
  kind: 'write',
  run(state: DomainState<AirlineRecords>, { user_id: userId, amount }) {
    if (!state.has('users', userId)) return fail('Error: user not found');
    const user = state.get('users', userId)!;
    const paymentId = newCertificateIds.find((id) => !Object.hasOwn(user.payment_methods, id));
    // With all three ids taken tau-bench's tool returns None and adds nothing.
    if (!paymentId) return ok('None');
    state.edit('users', userId).payment_methods[paymentId] = { source: 'certificate', amount, id: paymentId };
    return ok(`Certificate ${paymentId} added to user ${userId} with amount ${pythonNumberText(amount)}.`);
  },
});
