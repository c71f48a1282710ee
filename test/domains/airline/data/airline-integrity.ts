import type { DomainData } from '../../../../src/domain-kit/index.ts';
import { AIRPORTS } from '../../../../domains/airline/data/airports.ts';
import type { AirlineRecords, Cabin, Flight, Reservation, ReservationFlight, User } from '../../../../domains/airline/schema.ts';

/** The policy clock and calendar the airline data is written against. */
export const TODAY = '2024-05-15T15:00:00';
export const TODAY_DATE = '2024-05-15';
export const DATES = Array.from({ length: 30 }, (_, index) => `2024-05-${String(index + 1).padStart(2, '0')}`);

const FREE_BAGS: Record<User['membership'], Record<Cabin, number>> = {
  regular: { basic_economy: 0, economy: 1, business: 2 },
  silver: { basic_economy: 1, economy: 2, business: 3 },
  gold: { basic_economy: 2, economy: 3, business: 3 },
};
const FIELDS_BY_STATUS: Record<string, string[]> = {
  available: ['status', 'available_seats', 'prices'],
  landed: ['status', 'actual_departure_time_est', 'actual_arrival_time_est'],
  flying: ['status', 'actual_departure_time_est', 'estimated_arrival_time_est'],
  'on time': ['status', 'estimated_departure_time_est', 'estimated_arrival_time_est'],
  delayed: ['status', 'estimated_departure_time_est', 'estimated_arrival_time_est'],
  cancelled: ['status'],
};
const TIMESTAMP = /^2024-0[45]-\d\dT\d\d:\d\d:\d\d$/;
const CLOCK = /^\d\d:[03]0:00(\+1)?$/;
const airportCodes = new Set(AIRPORTS.map((airport) => airport.code));

const sameKeys = (record: object, keys: string[]) => Object.keys(record).join() === keys.join();

/** Minutes since 2024-05-01T00:00 of a record timestamp. */
export const minuteOf = (timestamp: string) => (Date.parse(`${timestamp}Z`) - Date.parse('2024-05-01T00:00:00Z')) / 60_000;

/** Minutes after midnight of `HH:MM:SS[+1]`. */
export const clockMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5)) + (clock.endsWith('+1') ? 1440 : 0);

/** When a reservation flight is scheduled to leave, as a record timestamp. */
export const scheduledDeparture = (flights: DomainData<AirlineRecords>['flights'], leg: ReservationFlight) => `${leg.date}T${flights[leg.flight_number]?.scheduled_departure_time_est}`;

/** Whether flight `second` continues `first` the way a one-stop search pairs them (same day, or the next when `first` lands after midnight). */
export function connects(first: Flight, firstDate: string, second: Flight, secondDate: string): boolean {
  const overnight = first.scheduled_arrival_time_est.endsWith('+1');
  const expectedDate = DATES[DATES.indexOf(firstDate) + (overnight ? 1 : 0)];
  return first.destination === second.origin && secondDate === expectedDate && first.scheduled_arrival_time_est <= second.scheduled_departure_time_est;
}

/** Every broken rule of the airline dataset, one line each; empty when the data is consistent. */
export function airlineIntegrityViolations(data: DomainData<AirlineRecords>): string[] {
  return [...flightViolations(data.flights), ...Object.entries(data.reservations).flatMap(([id, reservation]) => reservationViolations(data, id, reservation)), ...userViolations(data)];
}

function flightViolations(flights: DomainData<AirlineRecords>['flights']): string[] {
  const problems: string[] = [];
  for (const [number, flight] of Object.entries(flights)) {
    const fail = (message: string) => problems.push(`flight ${number}: ${message}`);
    if (flight.flight_number !== number || !/^HAT\d{3,}$/.test(number)) fail('bad flight number');
    if (!airportCodes.has(flight.origin) || !airportCodes.has(flight.destination) || flight.origin === flight.destination) fail('bad airports');
    if (!CLOCK.test(flight.scheduled_departure_time_est) || flight.scheduled_departure_time_est.endsWith('+1') || !CLOCK.test(flight.scheduled_arrival_time_est)) fail('bad schedule');
    const departure = clockMinutes(flight.scheduled_departure_time_est);
    const duration = clockMinutes(flight.scheduled_arrival_time_est) - departure;
    if (duration < 60 || duration > 420) fail(`implausible duration ${duration}`);
    if (Object.keys(flight.dates).join() !== DATES.join()) fail('dates are not 2024-05-01..30 in order');
    for (const [date, onDate] of Object.entries(flight.dates)) {
      const at = (message: string) => fail(`${date} ${onDate.status}: ${message}`);
      if (!sameKeys(onDate, FIELDS_BY_STATUS[onDate.status] ?? [])) at(`fields ${Object.keys(onDate).join()}`);
      const allowed = date < TODAY_DATE ? ['landed', 'cancelled'] : date > TODAY_DATE ? ['available', 'cancelled'] : ['landed', 'flying', 'on time', 'delayed', 'cancelled'];
      if (!allowed.includes(onDate.status)) at('status impossible at this date');
      const times = [onDate.actual_departure_time_est, onDate.actual_arrival_time_est, onDate.estimated_departure_time_est, onDate.estimated_arrival_time_est].filter((time) => time !== undefined);
      if (times.some((time) => !TIMESTAMP.test(time))) at('bad timestamp');
      const scheduled = minuteOf(`${date}T00:00:00`) + departure;
      const leaves = onDate.actual_departure_time_est ?? onDate.estimated_departure_time_est;
      const arrives = onDate.actual_arrival_time_est ?? onDate.estimated_arrival_time_est;
      if (leaves !== undefined && (minuteOf(leaves) < scheduled - 30 || minuteOf(leaves) > scheduled + 300)) at('departure far from schedule');
      if (leaves !== undefined && arrives !== undefined && leaves >= arrives) at('arrives before it leaves');
      if (onDate.status === 'landed' && (arrives ?? '') > TODAY) at('landed in the future');
      if (onDate.status === 'flying' && ((leaves ?? '') > TODAY || (arrives ?? '') <= TODAY)) at('not in the air now');
      if ((onDate.status === 'on time' || onDate.status === 'delayed') && (leaves ?? '') <= TODAY) at('already left');
      if (onDate.status === 'delayed' && minuteOf(leaves ?? '') - scheduled < 30) at('not late');
      if (onDate.status === 'on time' && minuteOf(leaves ?? '') - scheduled >= 30) at('late');
      if (onDate.status === 'available') {
        const seats = onDate.available_seats ? [onDate.available_seats.basic_economy, onDate.available_seats.economy, onDate.available_seats.business] : [];
        const { basic_economy = 0, economy = 0, business = 0 } = onDate.prices ?? {};
        if (seats.length !== 3 || seats.some((count) => !Number.isInteger(count) || count < 0 || count > 20)) at('bad seats');
        if (!(0 < basic_economy && basic_economy < economy && economy < business) || ![basic_economy, economy, business].every(Number.isInteger)) at('prices not ordered');
      }
    }
  }
  return problems;
}

/** Splits a reservation's flights into the way out and the way back (empty when they do not chain). */
export function splitItinerary(flights: DomainData<AirlineRecords>['flights'], reservation: Reservation): ReservationFlight[][] {
  const chains = (legs: ReservationFlight[], from: string, to: string) =>
    legs.length >= 1 &&
    legs.length <= 2 &&
    legs[0]?.origin === from &&
    legs[legs.length - 1]?.destination === to &&
    legs.every((leg, index) => {
      const next = legs[index + 1];
      const flight = flights[leg.flight_number];
      const nextFlight = next && flights[next.flight_number];
      return !next || (flight !== undefined && nextFlight !== undefined && connects(flight, leg.date, nextFlight, next.date));
    });
  const { origin, destination, flights: legs } = reservation;
  if (reservation.flight_type === 'one_way') return chains(legs, origin, destination) ? [legs] : [];
  for (let split = 1; split < legs.length; split++) {
    const [out, back] = [legs.slice(0, split), legs.slice(split)];
    if (chains(out, origin, destination) && chains(back, destination, origin)) return [out, back];
  }
  return [];
}

function reservationViolations(data: DomainData<AirlineRecords>, id: string, reservation: Reservation): string[] {
  const problems: string[] = [];
  const fail = (message: string) => problems.push(`reservation ${id}: ${message}`);
  const user = data.users[reservation.user_id];
  if (reservation.reservation_id !== id || !/^[A-Z0-9]{6}$/.test(id)) fail('bad id');
  if (!user) return [...problems, `reservation ${id}: unknown user ${reservation.user_id}`];
  if (!user.reservations.includes(id)) fail('missing from its user');
  if ('status' in reservation) fail('has a status');
  for (const leg of reservation.flights) {
    const flight = data.flights[leg.flight_number];
    const onDate = flight?.dates[leg.date];
    if (!flight || !onDate) {
      fail(`no flight ${leg.flight_number} on ${leg.date}`);
      continue;
    }
    if (flight.origin !== leg.origin || flight.destination !== leg.destination) fail(`${leg.flight_number} airports differ`);
    if (!Number.isInteger(leg.price) || leg.price <= 0) fail('bad price');
    if (onDate.status === 'available' && onDate.prices?.[reservation.cabin] !== leg.price) fail(`${leg.flight_number} ${leg.date} price ${leg.price} is not the fare`);
  }
  const parts = splitItinerary(data.flights, reservation);
  if (parts.length === 0) fail('flights do not chain origin -> destination');
  const [out, back] = parts;
  const lastOut = out?.[out.length - 1];
  if (back?.[0] && lastOut) {
    const landed = minuteOf(`${lastOut.date}T00:00:00`) + clockMinutes(data.flights[lastOut.flight_number]?.scheduled_arrival_time_est ?? '');
    if (minuteOf(scheduledDeparture(data.flights, back[0])) <= landed) fail('returns before arriving');
  }
  const passengers = reservation.passengers.length;
  if (passengers < 1 || passengers > 5) fail(`${passengers} passengers`);
  if (reservation.passengers.some((passenger) => !/^\d{4}-\d\d-\d\d$/.test(passenger.dob) || !passenger.first_name || !passenger.last_name)) fail('bad passenger');
  if (reservation.nonfree_baggages !== Math.max(0, reservation.total_baggages - FREE_BAGS[user.membership][reservation.cabin] * passengers)) fail('non-free bags disagree with the allowance');
  const fare = reservation.flights.reduce((sum, leg) => sum + leg.price, 0) * passengers;
  const total = fare + (reservation.insurance === 'yes' ? 30 * passengers : 0) + 50 * reservation.nonfree_baggages;
  const paid = reservation.payment_history.reduce((sum, payment) => sum + payment.amount, 0);
  if (paid !== total) fail(`paid ${paid}, owes ${total}`);
  for (const payment of reservation.payment_history) {
    const method = user.payment_methods[payment.payment_id];
    if (!method || method.source === 'certificate' || !(payment.amount > 0)) fail(`bad payment ${payment.payment_id}`);
  }
  const firstLeg = reservation.flights[0];
  if (!TIMESTAMP.test(reservation.created_at) || reservation.created_at >= TODAY) fail('not booked before today');
  if (firstLeg && reservation.created_at >= scheduledDeparture(data.flights, firstLeg)) fail('booked after departure');
  return problems;
}

function userViolations(data: DomainData<AirlineRecords>): string[] {
  const problems: string[] = [];
  const reservationsByUser = new Map<string, string[]>();
  for (const [id, reservation] of Object.entries(data.reservations)) reservationsByUser.set(reservation.user_id, [...(reservationsByUser.get(reservation.user_id) ?? []), id]);
  const paymentIds = new Set<string>();
  for (const [id, user] of Object.entries(data.users)) {
    const fail = (message: string) => problems.push(`user ${id}: ${message}`);
    if (!id.startsWith(`${user.name.first_name}_${user.name.last_name}_`.toLowerCase()) || !/^[a-z]+_[a-z]+_\d{4}$/.test(id)) fail('id does not match name');
    if ([...user.reservations].sort().join() !== [...(reservationsByUser.get(id) ?? [])].sort().join() || new Set(user.reservations).size !== user.reservations.length) {
      fail('reservations list differs from its reservations');
    }
    const methods = Object.entries(user.payment_methods);
    for (const [key, method] of methods) {
      if (method.id !== key || !new RegExp(`^${method.source}_\\d{7}$`).test(key) || paymentIds.has(key)) fail(`bad payment method ${key}`);
      if (method.source !== 'credit_card' && (!Number.isInteger(method.amount) || method.amount < 0)) fail(`bad balance ${key}`);
      paymentIds.add(key);
    }
    if (!methods.some(([, method]) => method.source !== 'certificate')) fail('cannot pay');
  }
  return problems;
}
