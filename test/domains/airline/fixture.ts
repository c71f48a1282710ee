import { airline } from '../../../domains/airline/index.ts';
import type { AirlineRecords } from '../../../domains/airline/schema.ts';
import { DomainState, type DomainData, type ToolExecution } from '../../../src/domain-kit/index.ts';

/**
 * A tiny airline database written by hand in tau-bench's record shapes, small enough to read in
 * full. Every call returns fresh objects.
 *
 * Flights (all on 2024-05-16 unless noted):
 * - HAT001 JFK->LAX 06:00-09:00: 05-14 landed, 05-16 available, 05-17 cancelled, 05-18 available with no basic economy seat.
 * - HAT002 LAX->JFK 18:00-02:30+1: 05-20 available, 05-21 delayed.
 * - HAT003 JFK->ORD 10:00-12:00. HAT004 ORD->LAX 14:00-16:30 (05-16 and 05-17, different prices).
 * - HAT005 ORD->LAX 08:00-10:00: leaves before HAT003 lands. HAT006 JFK->ORD 22:00-01:00+1, overnight.
 * - HAT008 JFK->DEN 23:00-01:30+1 and HAT009 DEN->SEA, which flies only on 05-17.
 * - HAT010 BOS->MIA: an available date without seat or price lists (tau-bench's data never has one).
 */
export function fixtureData(): DomainData<AirlineRecords> {
  const seats = (basic_economy: number, economy: number, business: number) => ({ basic_economy, economy, business });
  const available = (seatCounts: ReturnType<typeof seats>, prices: ReturnType<typeof seats>) => ({ status: 'available' as const, available_seats: seatCounts, prices });
  const flight = (flight_number: string, origin: string, destination: string, departure: string, arrival: string, dates: AirlineRecords['flights']['dates']) => ({
    flight_number,
    origin,
    destination,
    scheduled_departure_time_est: departure,
    scheduled_arrival_time_est: arrival,
    dates,
  });
  return {
    flights: {
      HAT001: flight('HAT001', 'JFK', 'LAX', '06:00:00', '09:00:00', {
        '2024-05-14': { status: 'landed', actual_departure_time_est: '2024-05-14T06:05:00', actual_arrival_time_est: '2024-05-14T08:58:00' },
        '2024-05-16': available(seats(5, 3, 2), seats(100, 200, 500)),
        '2024-05-17': { status: 'cancelled' },
        '2024-05-18': available(seats(0, 10, 10), seats(80, 180, 450)),
      }),
      HAT002: flight('HAT002', 'LAX', 'JFK', '18:00:00', '02:30:00+1', {
        '2024-05-20': available(seats(9, 9, 9), seats(90, 210, 520)),
        '2024-05-21': { status: 'delayed', estimated_departure_time_est: '2024-05-21T19:00:00', estimated_arrival_time_est: '2024-05-22T03:30:00' },
      }),
      HAT003: flight('HAT003', 'JFK', 'ORD', '10:00:00', '12:00:00', { '2024-05-16': available(seats(4, 4, 4), seats(60, 120, 300)) }),
      HAT004: flight('HAT004', 'ORD', 'LAX', '14:00:00', '16:30:00', {
        '2024-05-16': available(seats(6, 6, 6), seats(70, 140, 350)),
        '2024-05-17': available(seats(7, 7, 7), seats(75, 145, 355)),
      }),
      HAT005: flight('HAT005', 'ORD', 'LAX', '08:00:00', '10:00:00', { '2024-05-16': available(seats(8, 8, 8), seats(65, 130, 320)) }),
      HAT006: flight('HAT006', 'JFK', 'ORD', '22:00:00', '01:00:00+1', { '2024-05-16': available(seats(3, 3, 3), seats(55, 110, 280)) }),
      HAT008: flight('HAT008', 'JFK', 'DEN', '23:00:00', '01:30:00+1', { '2024-05-16': available(seats(2, 2, 2), seats(85, 170, 400)) }),
      HAT009: flight('HAT009', 'DEN', 'SEA', '09:00:00', '11:00:00', { '2024-05-17': available(seats(5, 5, 5), seats(95, 190, 410)) }),
      HAT010: flight('HAT010', 'BOS', 'MIA', '07:00:00', '10:00:00', { '2024-05-16': { status: 'available' } }),
    },
    reservations: {
      ABC123: {
        reservation_id: 'ABC123',
        user_id: 'ana_park_1001',
        origin: 'JFK',
        destination: 'LAX',
        flight_type: 'round_trip',
        cabin: 'economy',
        flights: [
          { origin: 'JFK', destination: 'LAX', flight_number: 'HAT001', date: '2024-05-16', price: 200 },
          { origin: 'LAX', destination: 'JFK', flight_number: 'HAT002', date: '2024-05-20', price: 210 },
        ],
        passengers: [
          { first_name: 'Ana', last_name: 'Park', dob: '1985-03-02' },
          { first_name: 'Leo', last_name: 'Park', dob: '2012-07-30' },
        ],
        payment_history: [{ payment_id: 'credit_card_1111111', amount: 820 }],
        created_at: '2024-05-10T10:00:00',
        total_baggages: 2,
        nonfree_baggages: 0,
        insurance: 'no',
      },
      DEF456: {
        reservation_id: 'DEF456',
        user_id: 'ana_park_1001',
        origin: 'JFK',
        destination: 'ORD',
        flight_type: 'one_way',
        cabin: 'basic_economy',
        flights: [{ origin: 'JFK', destination: 'ORD', flight_number: 'HAT003', date: '2024-05-16', price: 60 }],
        passengers: [{ first_name: 'Ana', last_name: 'Park', dob: '1985-03-02' }],
        payment_history: [{ payment_id: 'gift_card_2222222', amount: 60 }],
        created_at: '2024-05-14T09:30:00',
        total_baggages: 1,
        nonfree_baggages: 1,
        insurance: 'yes',
      },
      ORPHAN: {
        reservation_id: 'ORPHAN',
        user_id: 'ghost_0000',
        origin: 'JFK',
        destination: 'ORD',
        flight_type: 'one_way',
        cabin: 'economy',
        flights: [{ origin: 'JFK', destination: 'ORD', flight_number: 'HAT003', date: '2024-05-16', price: 120 }],
        passengers: [{ first_name: 'Gus', last_name: 'Host', dob: '1970-01-01' }],
        payment_history: [{ payment_id: 'credit_card_9999999', amount: 120 }],
        created_at: '2024-05-01T08:00:00',
        total_baggages: 0,
        nonfree_baggages: 0,
        insurance: 'no',
      },
    },
    users: {
      ana_park_1001: {
        name: { first_name: 'Ana', last_name: 'Park' },
        address: { address1: '1 Main St', address2: 'Apt 2', city: 'Boston', country: 'USA', state: 'MA', zip: '02108' },
        email: 'ana.park@example.com',
        dob: '1985-03-02',
        payment_methods: {
          credit_card_1111111: { source: 'credit_card', brand: 'visa', last_four: '1234', id: 'credit_card_1111111' },
          gift_card_2222222: { source: 'gift_card', amount: 300, id: 'gift_card_2222222' },
          certificate_3333333: { source: 'certificate', amount: 250, id: 'certificate_3333333' },
        },
        saved_passengers: [{ first_name: 'Leo', last_name: 'Park', dob: '2012-07-30' }],
        membership: 'gold',
        reservations: ['ABC123', 'DEF456'],
      },
      ben_ode_2002: {
        name: { first_name: 'Ben', last_name: 'Ode' },
        address: { address1: '9 Elm Rd', address2: '', city: 'Austin', country: 'USA', state: 'TX', zip: '73301' },
        email: 'ben.ode@example.com',
        dob: '1990-11-11',
        payment_methods: {
          credit_card_4444444: { source: 'credit_card', brand: 'mastercard', last_four: '4444', id: 'credit_card_4444444' },
          certificate_3221322: { source: 'certificate', amount: 100, id: 'certificate_3221322' },
        },
        saved_passengers: [],
        membership: 'regular',
        reservations: [],
      },
      cy_full_3003: {
        name: { first_name: 'Cy', last_name: 'Full' },
        address: { address1: '3 Oak Ave', address2: '', city: 'Denver', country: 'USA', state: 'CO', zip: '80201' },
        email: 'cy.full@example.com',
        dob: '1979-05-05',
        payment_methods: {
          certificate_3221322: { source: 'certificate', amount: 50, id: 'certificate_3221322' },
          certificate_3221323: { source: 'certificate', amount: 50, id: 'certificate_3221323' },
          certificate_3221324: { source: 'certificate', amount: 50, id: 'certificate_3221324' },
        },
        saved_passengers: [],
        membership: 'silver',
        reservations: [],
      },
    },
  };
}

/** A fresh state over the fixture (or over `data`). */
export const fixtureState = (data: DomainData<AirlineRecords> = fixtureData()) => new DomainState(airline.createBase(data));

/** Runs one call the way an agent's call runs. */
export const call = (state: DomainState<AirlineRecords>, name: string, args: unknown): ToolExecution => airline.execute(state, { name, arguments: args });

