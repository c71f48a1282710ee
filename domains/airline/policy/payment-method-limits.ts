import { definePolicyRule } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords, PaymentMethod } from '../schema.ts';
import { bookReservation } from '../tools/book-reservation.ts';
import { callsOf, userBefore, type Finding } from './airline-trace.ts';

/** How many different methods of each kind one booking may use. */
export const PAYMENT_METHOD_LIMITS: Record<PaymentMethod['source'], number> = { certificate: 1, credit_card: 1, gift_card: 3 };

const KIND_WORDS: Record<PaymentMethod['source'], [string, string]> = {
  certificate: ['travel certificate', 'travel certificates'],
  credit_card: ['credit card', 'credit cards'],
  gift_card: ['gift card', 'gift cards'],
};

/** A booking is paid with at most one travel certificate, one credit card and three gift cards. */
export const paymentMethodLimits = definePolicyRule<AirlineRecords>({
  name: 'payment-method-limits',
  description: 'A booking can use at most one travel certificate, at most one credit card and at most three gift cards.',
  appliesTo: ['book_reservation'],
  check(trace) {
    const findings: Finding[] = [];
    for (const { step, args } of callsOf(trace, bookReservation)) {
      const wallet = userBefore(step, args.user_id)?.payment_methods ?? {};
      const byKind = new Map<PaymentMethod['source'], string[]>();
      for (const id of new Set(args.payment_methods.map((method) => method.payment_id))) {
        const source = Object.hasOwn(wallet, id) ? wallet[id]?.source : undefined;
        if (source) byKind.set(source, [...(byKind.get(source) ?? []), id]);
      }
      for (const [source, limit] of Object.entries(PAYMENT_METHOD_LIMITS) as Array<[PaymentMethod['source'], number]>) {
        const ids = byKind.get(source) ?? [];
        if (ids.length <= limit) continue;
        const [one, many] = KIND_WORDS[source];
        findings.push({
          actionIndex: step.index,
          message: `book_reservation pays with ${ids.length} ${many} (${ids.join(', ')}), but a booking can use at most ${limit} ${limit === 1 ? one : many}`,
        });
      }
    }
    return findings;
  },
});
