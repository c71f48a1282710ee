import type { PaymentMethod, User } from '../schema.ts';
import { generateAddress } from './generate-address.ts';
import type { RandomSource } from './random-source.ts';

type PaymentSource = PaymentMethod['source'];

/** How many payment methods a user has (tau-bench: mostly one, a third two or more). */
const paymentMethodCounts = [
  { weight: 60, value: 1 },
  { weight: 30, value: 2 },
  { weight: 7, value: 3 },
  { weight: 3, value: 4 },
] as const;

/** A user may hold several credit cards but at most one PayPal account and one gift card. */
const paymentSources: readonly { weight: number; value: PaymentSource }[] = [
  { weight: 36, value: 'credit_card' },
  { weight: 32, value: 'paypal' },
  { weight: 32, value: 'gift_card' },
];

const cardBrands = [
  { weight: 40, value: 'visa' },
  { weight: 35, value: 'mastercard' },
  { weight: 15, value: 'amex' },
  { weight: 10, value: 'discover' },
] as const;

const plainName = /^[A-Z][a-z]+$/;

/**
 * `count` users keyed `first_last_NNNN`, with unique emails and unique (name, zip) pairs so that both
 * lookup tools find exactly one user. Their `orders` lists start empty; the order generator fills them.
 */
export function generateUsers(random: RandomSource, count: number): Record<string, User> {
  const users: Record<string, User> = {};
  const emails = new Set<string>();
  const namesAndZips = new Set<string>();
  const paymentMethodIds = new Set<string>();
  let generated = 0;
  while (generated < count) {
    const firstName = plainPersonName(() => random.faker.person.firstName());
    const lastName = plainPersonName(() => random.faker.person.lastName());
    const address = generateAddress(random);
    const userId = `${firstName}_${lastName}_${random.integer(1000, 9999)}`.toLowerCase();
    const email = `${firstName}.${lastName}${random.integer(1000, 9999)}@example.com`.toLowerCase();
    const nameAndZip = `${firstName}|${lastName}|${address.zip}`.toLowerCase();
    if (Object.hasOwn(users, userId) || emails.has(email) || namesAndZips.has(nameAndZip)) continue;
    emails.add(email);
    namesAndZips.add(nameAndZip);
    generated += 1;
    users[userId] = {
      name: { first_name: firstName, last_name: lastName },
      address,
      email,
      payment_methods: generatePaymentMethods(random, paymentMethodIds),
      orders: [],
    };
  }
  return users;
}

function plainPersonName(draw: () => string): string {
  for (;;) {
    const name = draw();
    if (plainName.test(name)) return name;
  }
}

function generatePaymentMethods(random: RandomSource, usedIds: Set<string>): Record<string, PaymentMethod> {
  const methods: Record<string, PaymentMethod> = {};
  const held = new Set<PaymentSource>();
  const count = random.weighted(paymentMethodCounts);
  for (let index = 0; index < count; index += 1) {
    const open = paymentSources.filter(({ value }) => value === 'credit_card' || !held.has(value));
    const source = random.weighted(open);
    held.add(source);
    const id = `${source}_${random.uniqueDigits(7, usedIds)}`;
    methods[id] = paymentMethod(random, source, id);
  }
  return methods;
}

/** Field order as in tau-bench's files: source first, id last. */
function paymentMethod(random: RandomSource, source: PaymentSource, id: string): PaymentMethod {
  switch (source) {
    case 'credit_card':
      return { source, brand: random.weighted(cardBrands), last_four: String(random.integer(0, 9999)).padStart(4, '0'), id };
    case 'paypal':
      return { source, id };
    case 'gift_card':
      return { source, balance: giftCardBalance(random), id };
  }
}

/** Whole dollars: mostly up to 100 as in tau-bench, some larger so a gift card can pay for a whole order. */
function giftCardBalance(random: RandomSource): number {
  return random.chance(0.7) ? random.integer(0, 100) : random.integer(101, 500);
}
