import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { airline } from '../../../../domains/airline/index.ts';
import { DEFAULT_SEED, generateAirlineData } from '../../../../domains/airline/data/generate.ts';
import { collectionFile, formatCollection, type DomainData } from '../../../../src/domain-kit/index.ts';
import type { AirlineRecords, Flight, Reservation } from '../../../../domains/airline/schema.ts';
import { DATES, TODAY, TODAY_DATE, airlineIntegrityViolations, connects, minuteOf } from './airline-integrity.ts';

const dataFolder = new URL('../../../../domains/airline/data/', import.meta.url).pathname;
const collections = ['flights', 'reservations', 'users'] as const;
const serialise = (data: DomainData<AirlineRecords>) => collections.map((collection) => formatCollection(data[collection])).join('');

const data = generateAirlineData({ seed: DEFAULT_SEED });
const reservations = Object.values(data.reservations);
const users = Object.values(data.users);

const isFuture = (reservation: Reservation) => reservation.flights.every((leg) => leg.date > TODAY_DATE);
const allAvailable = (reservation: Reservation) => reservation.flights.every((leg) => data.flights[leg.flight_number]?.dates[leg.date]?.status === 'available');
const bookedWithinDay = (reservation: Reservation) => minuteOf(TODAY) - minuteOf(reservation.created_at) < 24 * 60;
const touches = (reservation: Reservation, status: string) => reservation.flights.some((leg) => data.flights[leg.flight_number]?.dates[leg.date]?.status === status);
const count = <T>(items: readonly T[], predicate: (item: T) => boolean) => items.filter(predicate).length;

describe('generateAirlineData', () => {
  it('is deterministic: the same seed gives the same JSON text, key order included', () => {
    expect(serialise(generateAirlineData({ seed: DEFAULT_SEED }))).toBe(serialise(data));
    expect(Object.keys(data)).toEqual(['flights', 'reservations', 'users']);
  });

  it('gives different data for a different seed', () => {
    const other = generateAirlineData({ seed: DEFAULT_SEED + 1 });
    for (const collection of collections) expect(formatCollection(other[collection])).not.toBe(formatCollection(data[collection]));
  });

  it('has about tau-bench sizes at scale 1: 300 flights over 30 dates, 2000 reservations, 500 users', () => {
    expect(Object.keys(data.flights)).toHaveLength(300);
    expect(Object.keys(data.flights).slice(0, 2)).toEqual(['HAT001', 'HAT002']);
    expect(Object.keys(data.flights).at(-1)).toBe('HAT300');
    expect(reservations).toHaveLength(2000);
    expect(users).toHaveLength(500);
    for (const flight of Object.values(data.flights)) expect(Object.keys(flight.dates)).toEqual(DATES);
  });

  it('passes the domain record schemas and leaves every record unchanged', () => {
    expect(airline.checkData(data, 'generated')).toEqual(data);
  });

  it('is internally consistent (flights, statuses, fares, itineraries, payments, user lists)', () => {
    expect(airlineIntegrityViolations(data)).toEqual([]);
  });

  it('scales record counts and stays consistent at scale 0.1', () => {
    const small = generateAirlineData({ seed: 7, scale: 0.1 });
    expect(Object.keys(small.flights)).toHaveLength(30);
    expect(Object.keys(small.reservations)).toHaveLength(200);
    expect(Object.keys(small.users)).toHaveLength(50);
    expect(airline.checkData(small, 'generated')).toEqual(small);
    expect(airlineIntegrityViolations(small)).toEqual([]);
  });

  it('stays consistent for other seeds and very small or large-ish scales', () => {
    for (const [seed, scale] of [[1, 0.01], [2, 0.05], [3, 0.3], [4, 1.5]] as const) {
      const generated = generateAirlineData({ seed, scale });
      expect(Object.keys(generated.reservations), `seed ${seed} scale ${scale}`).toHaveLength(Math.round(2000 * scale));
      expect(airlineIntegrityViolations(generated), `seed ${seed} scale ${scale}`).toEqual([]);
    }
  });

  it('rejects a scale that is not a positive number', () => {
    expect(() => generateAirlineData({ seed: 1, scale: 0 })).toThrow(RangeError);
    expect(() => generateAirlineData({ seed: 1, scale: Number.NaN })).toThrow(RangeError);
  });
});

describe('generated airline data gives every write tool work to do', () => {
  it('has open future reservations in every cabin to cancel, modify, re-bag and re-passenger', () => {
    for (const cabin of ['basic_economy', 'economy', 'business'] as const) {
      const open = reservations.filter((reservation) => reservation.cabin === cabin && isFuture(reservation) && allAvailable(reservation));
      expect(open.length, cabin).toBeGreaterThanOrEqual(150);
      expect(count(open, (reservation) => reservation.flight_type === 'round_trip'), cabin).toBeGreaterThanOrEqual(40);
      expect(count(open, (reservation) => reservation.flights.length > 1 && reservation.flight_type === 'one_way'), cabin).toBeGreaterThanOrEqual(40);
    }
  });

  it('exercises the cancellation rules: recent bookings, insurance, flown segments, cancelled flights', () => {
    const recent = reservations.filter(bookedWithinDay);
    expect(recent.length).toBeGreaterThanOrEqual(100);
    expect(count(recent, (reservation) => reservation.insurance === 'yes')).toBeGreaterThanOrEqual(30);
    expect(count(recent, (reservation) => reservation.cabin !== 'business' && reservation.insurance === 'no')).toBeGreaterThanOrEqual(30);
    const older = reservations.filter((reservation) => isFuture(reservation) && !bookedWithinDay(reservation));
    expect(count(older, (reservation) => reservation.insurance === 'yes' && reservation.cabin !== 'business')).toBeGreaterThanOrEqual(100);
    expect(count(older, (reservation) => reservation.insurance === 'no' && reservation.cabin !== 'business')).toBeGreaterThanOrEqual(100);
    expect(count(reservations, (reservation) => reservation.flights.some((leg) => leg.date < TODAY_DATE) && reservation.flights.some((leg) => leg.date > TODAY_DATE))).toBeGreaterThanOrEqual(10);
    expect(count(reservations, (reservation) => isFuture(reservation) && touches(reservation, 'cancelled'))).toBeGreaterThanOrEqual(30);
  });

  it('has compensation cases: delayed and cancelled flights in reservations of every membership', () => {
    expect(count(reservations, (reservation) => touches(reservation, 'delayed'))).toBeGreaterThanOrEqual(15);
    expect(count(reservations, (reservation) => touches(reservation, 'cancelled'))).toBeGreaterThanOrEqual(100);
    for (const membership of ['regular', 'silver', 'gold'] as const) {
      const members = reservations.filter((reservation) => data.users[reservation.user_id]?.membership === membership);
      expect(count(members, (reservation) => touches(reservation, 'cancelled')), membership).toBeGreaterThanOrEqual(10);
    }
    const todayStatuses = Object.values(data.flights).map((flight) => flight.dates[TODAY_DATE]?.status);
    for (const status of ['landed', 'flying', 'on time', 'delayed', 'cancelled']) expect(count(todayStatuses, (value) => value === status), status).toBeGreaterThanOrEqual(5);
  });

  it('has wallets for every payment rule: certificates, gift cards, several cards, extra bags, split payments', () => {
    const holding = (source: string) => count(users, (user) => Object.values(user.payment_methods).some((method) => method.source === source));
    expect(holding('certificate')).toBeGreaterThanOrEqual(150);
    expect(holding('gift_card')).toBeGreaterThanOrEqual(150);
    expect(count(users, (user) => Object.values(user.payment_methods).filter((method) => method.source === 'credit_card').length >= 2)).toBeGreaterThanOrEqual(50);
    expect(count(reservations, (reservation) => reservation.nonfree_baggages > 0)).toBeGreaterThanOrEqual(100);
    expect(count(reservations, (reservation) => reservation.payment_history.length > 1)).toBeGreaterThanOrEqual(40);
    expect(count(users, (user) => user.reservations.length === 0)).toBeGreaterThanOrEqual(5);
    expect(new Set(users.map((user) => user.membership))).toEqual(new Set(['regular', 'silver', 'gold']));
  });

  it('offers seats on many dates for direct and one-stop searches between common airport pairs', () => {
    const flights = Object.values(data.flights);
    const futureDates = DATES.filter((date) => date > TODAY_DATE);
    const departuresFrom = new Map<string, Flight[]>();
    for (const flight of flights) departuresFrom.set(flight.origin, [...(departuresFrom.get(flight.origin) ?? []), flight]);
    const directDays = new Map<string, Set<string>>();
    const oneStopDays = new Map<string, Set<string>>();
    const served = (days: Map<string, Set<string>>, pair: string, date: string) => days.set(pair, (days.get(pair) ?? new Set()).add(date));
    for (const date of futureDates) {
      for (const first of flights.filter((flight) => flight.dates[date]?.status === 'available')) {
        served(directDays, `${first.origin}-${first.destination}`, date);
        const secondDate = DATES[DATES.indexOf(date) + (first.scheduled_arrival_time_est.endsWith('+1') ? 1 : 0)] ?? '';
        for (const second of departuresFrom.get(first.destination) ?? []) {
          if (second.destination !== first.origin && second.dates[secondDate]?.status === 'available' && connects(first, date, second, secondDate)) {
            served(oneStopDays, `${first.origin}-${second.destination}`, date);
          }
        }
      }
    }
    const wellServed = (days: Map<string, Set<string>>) => [...days.values()].filter((set) => set.size >= 12).length;
    expect(wellServed(directDays)).toBeGreaterThanOrEqual(80);
    expect(wellServed(oneStopDays)).toBeGreaterThanOrEqual(80);
  });
});

describe('the shipped default airline database', () => {
  it('is byte-identical to the generator output for DEFAULT_SEED at scale 1', () => {
    for (const collection of collections) {
      expect(readFileSync(collectionFile(dataFolder, collection), 'utf8') === formatCollection(data[collection]), `${collection}.json is stale: run npx tsx domains/airline/data/write-default-data.ts`).toBe(true);
    }
  });
});
