import { Faker, en } from '@faker-js/faker';

/**
 * The generator's only source of randomness: a private, explicitly seeded faker instance (never the
 * global one), so the same seed always yields the same data.
 */
export class RandomSource {
  readonly faker: Faker;

  constructor(seed: number) {
    this.faker = new Faker({ locale: [en] });
    this.faker.seed(seed);
  }

  /** A whole number from `min` to `max`, both included. */
  integer(min: number, max: number): number {
    return this.faker.number.int({ min, max });
  }

  /** A number from `min` to `max`. */
  between(min: number, max: number): number {
    return this.faker.number.float({ min, max });
  }

  /** True with the given probability. */
  chance(probability: number): boolean {
    return this.faker.datatype.boolean({ probability });
  }

  pick<T>(items: readonly T[]): T {
    return this.faker.helpers.arrayElement(items);
  }

  /** One value, each drawn in proportion to its weight. */
  weighted<T>(choices: readonly { weight: number; value: T }[]): T {
    return this.faker.helpers.weightedArrayElement(choices as { weight: number; value: T }[]);
  }

  /** `count` distinct items in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    return this.faker.helpers.arrayElements(items, count);
  }

  shuffle<T>(items: readonly T[]): T[] {
    return this.faker.helpers.shuffle([...items]);
  }

  /** A string of `length` digits without a leading zero, not in `used`; it is added to `used`. */
  uniqueDigits(length: number, used: Set<string>): string {
    for (;;) {
      const digits = this.faker.string.numeric({ length, allowLeadingZeros: false });
      if (!used.has(digits)) {
        used.add(digits);
        return digits;
      }
    }
  }
}
