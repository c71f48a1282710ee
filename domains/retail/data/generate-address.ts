import type { Address } from '../schema.ts';
import { cities, country, streetNames, streetSuffixes, unitKinds } from './address-vocabulary.ts';
import type { RandomSource } from './random-source.ts';

/** A plausible US street address with a second line (suite, apartment or unit). */
export function generateAddress(random: RandomSource): Address {
  const place = random.pick(cities);
  const unitKind = random.pick(unitKinds);
  const unit = unitKind === 'Apt' ? `${random.integer(1, 40)}${random.pick(['A', 'B', 'C', 'D'])}` : String(random.integer(100, 999));
  return {
    address1: `${random.integer(10, 9999)} ${random.pick(streetNames)} ${random.pick(streetSuffixes)}`,
    address2: `${unitKind} ${unit}`,
    city: place.city,
    country,
    state: place.state,
    zip: `${place.zipPrefix}${String(random.integer(0, 99)).padStart(2, '0')}`,
  };
}
