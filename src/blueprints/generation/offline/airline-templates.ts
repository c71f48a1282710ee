import type { DomainState } from '../../../domain-kit/index.ts';
import { pick } from '../../../rollout/offline/seeded-random.ts';
import { describePaymentMethod, type DomainTemplates, type PaymentMethodRecord, type WriteTemplate } from './write-template.ts';

/**
 * OFFLINE TEMPLATES — airline. Requests a traveller makes, each filled from a real reservation and
 * kept inside the policy: add checked bags (paying for those beyond the allowance), cancel a trip
 * the policy lets them cancel, fix or swap a passenger, upgrade an economy trip to business.
 */

/** The policy's clock: the data is generated as seen at this moment. */
export const AIRLINE_POLICY_NOW = '2024-05-15T15:00:00';

interface Passenger {
  first_name: string;
  last_name: string;
  dob: string;
}
interface Segment {
  origin: string;
  destination: string;
  flight_number: string;
  date: string;
  price: number;
}
interface Reservation {
  reservation_id: string;
  origin: string;
  destination: string;
  cabin: 'basic_economy' | 'economy' | 'business';
  flights: Segment[];
  passengers: Passenger[];
  created_at: string;
  total_baggages: number;
  nonfree_baggages: number;
  insurance: string;
  status?: string;
}
interface User {
  name: { first_name: string; last_name: string };
  payment_methods: Record<string, PaymentMethodRecord>;
  saved_passengers: Passenger[];
  membership: 'regular' | 'silver' | 'gold';
}
interface FlightDate {
  status: string;
  available_seats?: Record<string, number>;
  prices?: Record<string, number>;
}

const reservation = (state: DomainState, id: string) => state.get('reservations', id) as Reservation | undefined;
const user = (state: DomainState, id: string) => state.get('users', id) as User | undefined;
const flightDate = (state: DomainState, segment: Pick<Segment, 'flight_number' | 'date'>) =>
  (state.get('flights', segment.flight_number) as { dates?: Record<string, FlightDate> } | undefined)?.dates?.[segment.date];

/** Not cancelled, and no segment has left yet (each is still open for booking). */
const isUpcoming = (state: DomainState, trip: Reservation) => trip.status !== 'cancelled' && trip.flights.length > 0 && trip.flights.every((segment) => flightDate(state, segment)?.status === 'available');

const tripInWords = (trip: Reservation) => `reservation ${trip.reservation_id} (${trip.origin} to ${trip.destination}, leaving ${trip.flights[0]?.date})`;

const freeBagsPerPassenger: Record<User['membership'], Record<Reservation['cabin'], number>> = {
  regular: { basic_economy: 0, economy: 1, business: 2 },
  silver: { basic_economy: 1, economy: 2, business: 3 },
  gold: { basic_economy: 2, economy: 3, business: 3 },
};

/** A card or gift card that can pay `amount` (certificates cannot pay for changes). */
function changeMethod(traveller: User, amount: number, random: () => number): PaymentMethodRecord | undefined {
  const usable = Object.values(traveller.payment_methods).filter((method) => method.source === 'credit_card' || (method.source === 'gift_card' && (method.amount ?? 0) >= amount));
  return usable.length > 0 ? pick(random, usable) : undefined;
}

const updateBaggages: WriteTemplate = ({ state, userId, targetId, random }) => {
  const trip = reservation(state, targetId);
  const traveller = user(state, userId);
  if (!trip || !traveller || !isUpcoming(state, trip)) return undefined;
  const added = 1 + Math.floor(random() * 2);
  const total = trip.total_baggages + added;
  const allowance = freeBagsPerPassenger[traveller.membership][trip.cabin] * trip.passengers.length;
  const nonfree = Math.max(trip.nonfree_baggages, total - allowance);
  const cost = 50 * (nonfree - trip.nonfree_baggages);
  const method = changeMethod(traveller, cost, random);
  if (!method) return undefined;
  const bags = `${added} checked bag${added === 1 ? '' : 's'}`;
  return {
    wish:
      cost > 0
        ? `You want to add ${bags} to ${tripInWords(trip)}, paying for the bags beyond your free allowance with ${describePaymentMethod(method)}, and you want to be told what the extra bags cost.`
        : `You want to add ${bags} to ${tripInWords(trip)}; you expect them to be within your free allowance, and if a payment method is needed you use ${describePaymentMethod(method)}.`,
    actions: [{ name: 'update_reservation_baggages', arguments: { reservation_id: trip.reservation_id, total_baggages: total, nonfree_baggages: nonfree, payment_id: method.id } }],
    outputs: cost > 0 ? [String(cost)] : [],
  };
};

const cancelReservation: WriteTemplate = ({ state, targetId }) => {
  const trip = reservation(state, targetId);
  if (!trip || !isUpcoming(state, trip)) return undefined;
  const bookedRecently = secondsBefore(AIRLINE_POLICY_NOW, trip.created_at) <= 24 * 3600;
  let because: string | undefined;
  if (bookedRecently) because = 'you booked it only yesterday and your plans have changed';
  else if (trip.cabin === 'business') because = 'your plans have changed';
  else if (trip.insurance === 'yes') because = 'you have fallen ill and cannot travel (you bought travel insurance)';
  if (!because) return undefined;
  return {
    wish: `You want to cancel ${tripInWords(trip)} because ${because}; the refund should go back to the original payment.`,
    actions: [{ name: 'cancel_reservation', arguments: { reservation_id: trip.reservation_id } }],
    outputs: [],
  };
};

const updatePassengers: WriteTemplate = ({ state, userId, targetId, random }) => {
  const trip = reservation(state, targetId);
  const traveller = user(state, userId);
  if (!trip || !traveller || !isUpcoming(state, trip) || trip.passengers.length === 0) return undefined;
  const onBoard = (person: Passenger) => trip.passengers.some((passenger) => passenger.first_name === person.first_name && passenger.last_name === person.last_name);
  const substitutes = traveller.saved_passengers.filter((person) => !onBoard(person));
  const index = trip.passengers.length - 1;
  const replaced = trip.passengers[index] as Passenger;
  let replacement: Passenger;
  let wish: string;
  if (substitutes.length > 0 && random() < 0.6) {
    replacement = { ...pick(random, substitutes) };
    wish = `${replaced.first_name} ${replaced.last_name} can no longer travel on ${tripInWords(trip)}: you want ${replacement.first_name} ${replacement.last_name} (born ${replacement.dob}) to fly in their place.`;
  } else {
    replacement = { ...replaced, dob: shiftYear(replaced.dob, random() < 0.5 ? -1 : 1) };
    wish = `The date of birth of ${replaced.first_name} ${replaced.last_name} on ${tripInWords(trip)} is wrong: it should be ${replacement.dob}, and you want it corrected.`;
  }
  const passengers = trip.passengers.map((passenger, position) => (position === index ? replacement : { first_name: passenger.first_name, last_name: passenger.last_name, dob: passenger.dob }));
  return { wish, actions: [{ name: 'update_reservation_passengers', arguments: { reservation_id: trip.reservation_id, passengers } }], outputs: [] };
};

const upgradeCabin: WriteTemplate = ({ state, userId, targetId, random }) => {
  const trip = reservation(state, targetId);
  const traveller = user(state, userId);
  if (!trip || !traveller || !isUpcoming(state, trip) || trip.cabin !== 'economy') return undefined;
  const seats = trip.passengers.length;
  let newTotal = 0;
  for (const segment of trip.flights) {
    const date = flightDate(state, segment);
    const price = date?.prices?.business;
    if (price === undefined || (date?.available_seats?.business ?? 0) < seats) return undefined;
    newTotal += price * seats;
  }
  const difference = newTotal - trip.flights.reduce((sum, segment) => sum + segment.price, 0) * seats;
  const method = changeMethod(traveller, difference, random);
  if (!method) return undefined;
  return {
    wish: `You want to upgrade everyone on ${tripInWords(trip)} to business class on the same flights, paying the difference with ${describePaymentMethod(method)}, and you want to be told how much the upgrade costs.`,
    actions: [
      {
        name: 'update_reservation_flights',
        arguments: { reservation_id: trip.reservation_id, cabin: 'business', flights: trip.flights.map((segment) => ({ flight_number: segment.flight_number, date: segment.date })), payment_id: method.id },
      },
    ],
    outputs: difference > 0 ? [String(difference)] : [],
  };
};

function secondsBefore(later: string, earlier: string): number {
  return (Date.parse(`${later}Z`) - Date.parse(`${earlier}Z`)) / 1000;
}

function shiftYear(date: string, years: number): string {
  const year = Number(date.slice(0, 4));
  const rest = date.slice(4) === '-02-29' ? '-02-28' : date.slice(4);
  return Number.isFinite(year) ? `${year + years}${rest}` : date;
}

export const airlineTemplates: DomainTemplates = {
  identity(state, userId) {
    const traveller = user(state, userId);
    const name = traveller ? `Your name is ${traveller.name.first_name} ${traveller.name.last_name} and your` : 'Your';
    return { sentence: `${name} user id is ${userId}.`, action: { name: 'get_user_details', arguments: { user_id: userId } } };
  },
  templates: {
    update_reservation_baggages: updateBaggages,
    cancel_reservation: cancelReservation,
    update_reservation_passengers: updatePassengers,
    update_reservation_flights: upgradeCabin,
  },
};
