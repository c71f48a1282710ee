import type { Faker } from '@faker-js/faker';
import type { Cabin, Passenger, Reservation, ReservationFlight, User } from '../schema.ts';
import { FLIGHT_DATES, MINUTES_PER_DAY, SECONDS_PER_DAY, TODAY_INDEX, TODAY_MINUTE, formatSecond } from './calendar.ts';
import { fare, type ScheduledFlight } from './generate-flights.ts';
import { ItineraryIndex } from './itineraries.ts';
import { randomPerson } from './people.ts';
import { planTrip, type Trip } from './trips.ts';
import { UniqueIds } from './unique-ids.ts';
import type { GeneratedUser } from './generate-users.ts';

export const INSURANCE_PER_PASSENGER = 30;
export const NONFREE_BAG_PRICE = 50;

/** Free checked bags per passenger by the booking user's membership and the cabin (the policy's table). */
export const FREE_BAGS_PER_PASSENGER: Record<User['membership'], Record<Cabin, number>> = {
  regular: { basic_economy: 0, economy: 1, business: 2 },
  silver: { basic_economy: 1, economy: 2, business: 3 },
  gold: { basic_economy: 2, economy: 3, business: 3 },
};

/** Ids tau-bench's booking tool gives new reservations; generated data never uses them. */
const BOOKING_TOOL_IDS = ['HATHAT', 'HATHAU', 'HATHAV'];
const CABINS: readonly Cabin[] = ['basic_economy', 'economy', 'business'];
const PASSENGER_COUNT_WEIGHTS = [45, 32, 15, 6, 2];
const BAGS_PER_PASSENGER_WEIGHTS = [45, 35, 15, 5];
const INSURANCE_RATE = 0.45;
/** Share of future trips booked within the last 24 hours (those can be cancelled for any reason). */
const RECENT_BOOKING_RATE = 0.15;
const SPLIT_PAYMENT_RATE = 0.12;
const LONGEST_LEAD_DAYS = 25;
const INACTIVE_USER_RATE = 0.04;

const weightedCount = (faker: Faker, weights: readonly number[]) => faker.helpers.weightedArrayElement(weights.map((weight, value) => ({ value, weight })));

/**
 * Books `reservationCount` past and future trips for the users, as the booking tool would have made
 * them: fares are the date's current fares while it is open for sale, payments come from the user's
 * own cards and add up to fares, insurance and extra bags, and each reservation id is appended to its
 * user's list.
 */
export function generateReservations(faker: Faker, flights: readonly ScheduledFlight[], users: readonly GeneratedUser[], reservationCount: number): Record<string, Reservation> {
  const itineraries = new ItineraryIndex(flights);
  const reservationIds = new UniqueIds(BOOKING_TOOL_IDS);
  const pickUser = activityWeightedPicker(faker, users);
  const reservations: Record<string, Reservation> = {};
  for (let index = 0; index < reservationCount; index++) {
    const user = pickUser();
    const reservation_id = reservationIds.draw(() => faker.string.alphanumeric({ length: 6, casing: 'upper' }));
    reservations[reservation_id] = bookTrip(faker, reservation_id, user, planTrip(faker, itineraries));
    user.record.reservations.push(reservation_id);
  }
  return reservations;
}

/** Some users travel a lot, a few not at all: each user gets a fixed activity weight. */
function activityWeightedPicker(faker: Faker, users: readonly GeneratedUser[]): () => GeneratedUser {
  let total = 0;
  const cumulative = users.map((_, index) => {
    const inactive = index > 0 && faker.datatype.boolean({ probability: INACTIVE_USER_RATE });
    total += inactive ? 0 : faker.number.float({ min: 0.3, max: 1.7 });
    return total;
  });
  return () => {
    const target = faker.number.float({ min: 0, max: total });
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] ?? 0) < target) low = middle + 1;
      else high = middle;
    }
    const user = users[low];
    if (!user) throw new RangeError('no users to book for');
    return user;
  };
}

function bookTrip(faker: Faker, reservationId: string, user: GeneratedUser, trip: Trip): Reservation {
  const cabin = faker.helpers.arrayElement(CABINS);
  const flights = [trip.outbound, ...(trip.inbound ? [trip.inbound] : [])].flatMap(({ itinerary, dateIndex }) =>
    itinerary.legs.map(({ flight, dayOffset }): ReservationFlight => {
      const date = FLIGHT_DATES[dateIndex + dayOffset] ?? '';
      const onDate = flight.record.dates[date];
      const price = onDate?.status === 'available' && onDate.prices ? onDate.prices[cabin] : fare(faker, cabin, 0.5);
      return { origin: flight.record.origin, destination: flight.record.destination, flight_number: flight.record.flight_number, date, price };
    }),
  );
  const passengers = choosePassengers(faker, user.record, weightedCount(faker, PASSENGER_COUNT_WEIGHTS) + 1);
  const totalBaggages = passengers.reduce((sum) => sum + weightedCount(faker, BAGS_PER_PASSENGER_WEIGHTS), 0);
  const nonfreeBaggages = Math.max(0, totalBaggages - FREE_BAGS_PER_PASSENGER[user.record.membership][cabin] * passengers.length);
  const insurance = faker.datatype.boolean({ probability: INSURANCE_RATE }) ? 'yes' : 'no';
  const total =
    flights.reduce((sum, flight) => sum + flight.price, 0) * passengers.length +
    (insurance === 'yes' ? INSURANCE_PER_PASSENGER * passengers.length : 0) +
    NONFREE_BAG_PRICE * nonfreeBaggages;
  return {
    reservation_id: reservationId,
    user_id: user.id,
    origin: trip.outbound.itinerary.origin,
    destination: trip.outbound.itinerary.destination,
    flight_type: trip.flightType,
    cabin,
    flights,
    passengers,
    payment_history: payments(faker, user.record, total),
    created_at: formatSecond(bookingSecond(faker, trip)),
    total_baggages: totalBaggages,
    nonfree_baggages: nonfreeBaggages,
    insurance,
  };
}

/** The booking user usually flies too; companions come from their saved passengers or are new people. */
function choosePassengers(faker: Faker, user: User, passengerCount: number): Passenger[] {
  const passengers: Passenger[] = [];
  if (faker.datatype.boolean({ probability: 0.75 })) passengers.push({ first_name: user.name.first_name, last_name: user.name.last_name, dob: user.dob });
  const saved = faker.helpers.shuffle([...user.saved_passengers]);
  while (passengers.length < passengerCount) {
    const fromSaved = saved.length > 0 && faker.datatype.boolean({ probability: 0.6 });
    const candidate = fromSaved ? saved.pop() : randomPerson(faker);
    if (candidate && !passengers.some((passenger) => passenger.first_name === candidate.first_name && passenger.last_name === candidate.last_name)) {
      passengers.push({ first_name: candidate.first_name, last_name: candidate.last_name, dob: candidate.dob });
    }
  }
  return passengers;
}

/** One credit or gift card, or now and then part on a gift card and the rest on a credit card. */
function payments(faker: Faker, user: User, total: number): Reservation['payment_history'] {
  const methods = Object.values(user.payment_methods);
  const creditCards = methods.filter((method) => method.source === 'credit_card');
  const giftCards = methods.filter((method) => method.source === 'gift_card');
  const creditCard = creditCards.length > 0 ? faker.helpers.arrayElement(creditCards) : undefined;
  const giftCard = giftCards.length > 0 ? faker.helpers.arrayElement(giftCards) : undefined;
  if (creditCard && giftCard && total > 1 && faker.datatype.boolean({ probability: SPLIT_PAYMENT_RATE })) {
    const onGiftCard = faker.number.int({ min: 1, max: Math.min(total - 1, 300) });
    return [
      { payment_id: giftCard.id, amount: onGiftCard },
      { payment_id: creditCard.id, amount: total - onGiftCard },
    ];
  }
  const method = creditCard && (!giftCard || faker.datatype.boolean({ probability: 0.55 })) ? creditCard : giftCard;
  if (!method) throw new RangeError('a user without a credit or gift card cannot book');
  return [{ payment_id: method.id, amount: total }];
}

/**
 * When the trip was booked, in seconds: some future trips within the last 24 hours, the rest at least
 * a day before today and between 25 days and 2 hours before the first departure.
 */
function bookingSecond(faker: Faker, trip: Trip): number {
  const todaySecond = TODAY_MINUTE * 60;
  if (trip.outbound.dateIndex > TODAY_INDEX && faker.datatype.boolean({ probability: RECENT_BOOKING_RATE })) {
    return todaySecond - faker.number.int({ min: 60, max: SECONDS_PER_DAY - 60 });
  }
  const firstDepartureSecond = (trip.outbound.dateIndex * MINUTES_PER_DAY + (trip.outbound.itinerary.legs[0]?.flight.departureMinute ?? 0)) * 60;
  const latest = Math.min(firstDepartureSecond - 2 * 3600, todaySecond - SECONDS_PER_DAY - 60);
  const earliest = Math.min(latest, firstDepartureSecond - LONGEST_LEAD_DAYS * SECONDS_PER_DAY);
  return faker.number.int({ min: earliest, max: latest });
}
