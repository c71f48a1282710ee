import { airline } from '../../../../domains/airline/index.ts';
import type { AirlineRecords, Reservation, User } from '../../../../domains/airline/schema.ts';
import { DomainState, tracePolicy, type BaseState, type DomainData, type DeepReadonly, type PolicyRule, type PolicyTrace, type ToolCall } from '../../../../src/domain-kit/index.ts';

/** The shipped airline database, loaded once per test file. */
let base: BaseState<AirlineRecords> | undefined;
export const airlineBase = (): BaseState<AirlineRecords> => (base ??= airline.createBase());

export const defaultState = () => new DomainState(airlineBase());

export const traceOf = (userId: string, calls: readonly ToolCall[]): PolicyTrace<AirlineRecords> => tracePolicy(airline, airlineBase(), userId, calls);

/** Runs one rule; every call of the trace must have succeeded unless `allowErrors`, so a test never checks a trace it did not mean. */
export function findingsOf(rule: PolicyRule<AirlineRecords>, trace: PolicyTrace<AirlineRecords>, allowErrors = false) {
  if (!allowErrors) {
    const failed = trace.steps.find((step) => !step.result.ok);
    if (failed) throw new Error(`actions[${failed.index}] (${failed.call.name}) failed: ${failed.result.content}`);
  }
  return rule.check(trace);
}

export const identify = (userId: string): ToolCall => ({ name: 'get_user_details', arguments: { user_id: userId } });
export const lookUp = (reservationId: string): ToolCall => ({ name: 'get_reservation_details', arguments: { reservation_id: reservationId } });
export const call = (name: string, args: Record<string, unknown>): ToolCall => ({ name, arguments: args });

export type ReservationRecord = DeepReadonly<Reservation>;
export type UserRecord = DeepReadonly<User>;

let readOnly: DomainState<AirlineRecords> | undefined;
/** The default data for reading (never written to). */
const readState = () => (readOnly ??= defaultState());

export const statusOf = (segment: { flight_number: string; date: string }) => readState().get('flights', segment.flight_number)?.dates[segment.date]?.status;

/** Every segment is still open for booking. */
export const isUpcoming = (reservation: ReservationRecord) => reservation.flights.every((segment) => statusOf(segment) === 'available');

/** Booked within the 24 hours before the policy's now (2024-05-15T15:00:00), the boundary included, as cancellation-eligibility counts it. */
export const bookedRecently = (reservation: ReservationRecord) => reservation.created_at >= '2024-05-14T15:00:00';

/** The first reservation of the default data (data order) that fits, with its owner. */
export function findReservation(fits: (reservation: ReservationRecord, owner: UserRecord) => boolean): { reservation: ReservationRecord; owner: UserRecord } {
  const state = defaultState();
  for (const reservation of state.values('reservations')) {
    const owner = state.get('users', reservation.user_id);
    if (owner && fits(reservation, owner)) return { reservation, owner };
  }
  throw new Error('no reservation of the default airline data fits');
}

/** The first user that fits. */
export function findUser(fits: (user: UserRecord, id: string) => boolean): { userId: string; user: UserRecord } {
  for (const [userId, user] of defaultState().entries('users')) if (fits(user, userId)) return { userId, user };
  throw new Error('no user of the default airline data fits');
}

/** A credit card of the user. */
export function creditCardOf(user: UserRecord): string {
  const card = Object.values(user.payment_methods).find((method) => method.source === 'credit_card');
  if (!card) throw new Error('the user has no credit card');
  return card.id;
}

/** The reservation's passengers as plain objects (the passenger tool's argument). */
export const passengersOf = (reservation: ReservationRecord) => reservation.passengers.map(({ first_name, last_name, dob }) => ({ first_name, last_name, dob }));

export const segmentsOf = (reservation: ReservationRecord) => reservation.flights.map(({ flight_number, date }) => ({ flight_number, date }));

export interface OpenFlight {
  flight_number: string;
  date: string;
  origin: string;
  destination: string;
  prices: { basic_economy: number; economy: number; business: number };
  seats: { basic_economy: number; economy: number; business: number };
}

/** Every flight date open for booking, in data order. */
export function openFlights(): OpenFlight[] {
  const flights: OpenFlight[] = [];
  for (const flight of defaultState().values('flights')) {
    for (const [date, day] of Object.entries(flight.dates)) {
      if (day.status !== 'available' || !day.prices || !day.available_seats) continue;
      flights.push({ flight_number: flight.flight_number, date, origin: flight.origin, destination: flight.destination, prices: { ...day.prices }, seats: { ...day.available_seats } });
    }
  }
  return flights;
}

export function findOpenFlight(fits: (flight: OpenFlight) => boolean): OpenFlight {
  const flight = openFlights().find(fits);
  if (!flight) throw new Error('no open flight of the default airline data fits');
  return flight;
}

export const segment = (flight: Pick<OpenFlight, 'flight_number' | 'date'>) => ({ flight_number: flight.flight_number, date: flight.date });

export const person = (first_name: string, last_name: string, dob = '1990-01-01') => ({ first_name, last_name, dob });

/** A trace over the default data with one change made to it first (for cases the data never shows). */
export function traceOverEditedData(edit: (data: DomainData<AirlineRecords>) => void, userId: string, calls: readonly ToolCall[]): PolicyTrace<AirlineRecords> {
  const data = structuredClone(airline.loadDefaultData());
  edit(data);
  return tracePolicy(airline, airline.createBase(data), userId, calls);
}

export const methodsOf = (user: UserRecord, source: 'credit_card' | 'gift_card' | 'certificate') =>
  Object.values(user.payment_methods)
    .filter((method) => method.source === source)
    .map((method) => method.id);
