import type { Faker } from '@faker-js/faker';
import type { PaymentMethod, User } from '../schema.ts';
import { birthDate, randomPerson } from './people.ts';
import type { UniqueIds } from './unique-ids.ts';
import { CARD_BRANDS, CERTIFICATE_AMOUNTS, FIRST_NAMES, HOME_CITIES, LAST_NAMES, STREET_NAMES, STREET_SUFFIXES } from './vocabulary.ts';

/** A generated user; reservations are appended to `record.reservations` as they are made. */
export interface GeneratedUser {
  id: string;
  record: User;
}

const MEMBERSHIPS = [
  { value: 'regular', weight: 3 },
  { value: 'silver', weight: 3.5 },
  { value: 'gold', weight: 3.5 },
] as const;

const count = (faker: Faker, weights: readonly number[]) => faker.helpers.weightedArrayElement(weights.map((weight, value) => ({ value, weight })));

export function generateUsers(faker: Faker, userCount: number, paymentIds: UniqueIds): GeneratedUser[] {
  const userIds = new Set<string>();
  return Array.from({ length: userCount }, () => {
    const firstName = faker.helpers.arrayElement(FIRST_NAMES);
    const lastName = faker.helpers.arrayElement(LAST_NAMES);
    let id = '';
    do id = `${firstName}_${lastName}_${faker.number.int({ min: 1000, max: 9999 })}`.toLowerCase();
    while (userIds.has(id));
    userIds.add(id);
    const home = faker.helpers.arrayElement(HOME_CITIES);
    const record: User = {
      name: { first_name: firstName, last_name: lastName },
      address: {
        address1: `${faker.number.int({ min: 1, max: 9899 })} ${faker.helpers.arrayElement(STREET_NAMES)} ${faker.helpers.arrayElement(STREET_SUFFIXES)}`,
        address2: addressLine2(faker),
        city: home.city,
        country: 'USA',
        state: home.state,
        zip: `${home.zipPrefix}${String(faker.number.int({ min: 1, max: 99 })).padStart(2, '0')}`,
      },
      email: `${firstName}.${lastName}${faker.number.int({ min: 100, max: 9999 })}@example.com`.toLowerCase(),
      dob: birthDate(faker, 1948, 2004),
      payment_methods: paymentMethods(faker, paymentIds),
      saved_passengers: Array.from({ length: count(faker, [2, 4.5, 2.5, 1]) }, () => randomPerson(faker)),
      membership: faker.helpers.weightedArrayElement([...MEMBERSHIPS]),
      reservations: [],
    };
    return { id, record };
  });
}

function addressLine2(faker: Faker): string {
  switch (faker.helpers.weightedArrayElement([{ value: 'suite', weight: 3 }, { value: 'apartment', weight: 4 }, { value: 'none', weight: 3 }])) {
    case 'suite':
      return `Suite ${faker.number.int({ min: 100, max: 999 })}`;
    case 'apartment':
      return `Apt ${faker.number.int({ min: 1, max: 40 })}${faker.helpers.arrayElement(['', '', 'A', 'B', 'C'])}`;
    default:
      return '';
  }
}

/**
 * A wallet of credit cards, gift cards and travel certificates in mixed order; every user can pay for
 * a booking, so each holds at least one credit or gift card.
 */
function paymentMethods(faker: Faker, paymentIds: UniqueIds): Record<string, PaymentMethod> {
  const creditCards = count(faker, [2.5, 5.5, 2]);
  const giftCards = count(faker, [4.5, 4, 1.5]);
  const certificates = count(faker, [5, 3.5, 1.5]);
  const sources = [
    ...Array<'credit_card'>(creditCards === 0 && giftCards === 0 ? 1 : creditCards).fill('credit_card'),
    ...Array<'gift_card'>(giftCards).fill('gift_card'),
    ...Array<'certificate'>(certificates).fill('certificate'),
  ];
  const wallet: Record<string, PaymentMethod> = {};
  for (const source of faker.helpers.shuffle(sources)) {
    const id = paymentIds.draw(() => `${source}_${faker.number.int({ min: 1_000_000, max: 9_999_999 })}`);
    if (source === 'credit_card') {
      wallet[id] = { source, brand: faker.helpers.arrayElement(CARD_BRANDS), last_four: faker.string.numeric(4), id };
    } else if (source === 'gift_card') {
      wallet[id] = { source, amount: faker.number.int({ min: 0, max: 350 }), id };
    } else {
      wallet[id] = { source, amount: faker.helpers.arrayElement(CERTIFICATE_AMOUNTS), id };
    }
  }
  return wallet;
}
