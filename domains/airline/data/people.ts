import type { Faker } from '@faker-js/faker';
import type { Passenger } from '../schema.ts';
import { FIRST_NAMES, LAST_NAMES } from './vocabulary.ts';

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A date of birth `YYYY-MM-DD` between two years (inclusive); 29 February only in leap years. */
export function birthDate(faker: Faker, fromYear: number, toYear: number): string {
  const year = faker.number.int({ min: fromYear, max: toYear });
  const month = faker.number.int({ min: 1, max: 12 });
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 28);
  const day = faker.number.int({ min: 1, max: days });
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Someone who may travel: a name from our lists and a date of birth (children included). */
export function randomPerson(faker: Faker): Passenger {
  return {
    first_name: faker.helpers.arrayElement(FIRST_NAMES),
    last_name: faker.helpers.arrayElement(LAST_NAMES),
    dob: birthDate(faker, 1945, 2020),
  };
}
