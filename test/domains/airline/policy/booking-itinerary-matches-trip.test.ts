import { describe, expect, it } from 'vitest';
import { bookingItineraryMatchesTrip } from '../../../../domains/airline/policy/booking-itinerary-matches-trip.ts';
import { call, creditCardOf, findingsOf, findOpenFlight, findUser, identify, openFlights, person, segment, traceOf, type OpenFlight } from './policy-fixtures.ts';

const { userId, user } = findUser((candidate) => Object.values(candidate.payment_methods).some((method) => method.source === 'credit_card'));
const outbound = findOpenFlight((flight) => flight.seats.economy >= 1 && openFlights().some((back) => back.origin === flight.destination && back.destination === flight.origin && back.date > flight.date && back.seats.economy >= 1));
const inbound = findOpenFlight((flight) => flight.origin === outbound.destination && flight.destination === outbound.origin && flight.date > outbound.date && flight.seats.economy >= 1);
const elsewhere = findOpenFlight((flight) => flight.origin !== outbound.destination && flight.seats.economy >= 1);

const booking = (trip: { origin: string; destination: string; flight_type: 'one_way' | 'round_trip' }, flights: OpenFlight[]) =>
  call('book_reservation', {
    user_id: userId,
    ...trip,
    cabin: 'economy',
    flights: flights.map(segment),
    passengers: [person('Ada', 'Lind')],
    payment_methods: [{ payment_id: creditCardOf(user), amount: flights.reduce((sum, flight) => sum + flight.prices.economy, 0) }],
    total_baggages: 0,
    nonfree_baggages: 0,
    insurance: 'no',
  });
const check = (...calls: ReturnType<typeof booking>[]) => findingsOf(bookingItineraryMatchesTrip, traceOf(userId, [identify(userId), ...calls]));
const { origin, destination } = outbound;

describe('booking-itinerary-matches-trip', () => {
  it('passes a one-way trip and a round trip whose flights fly them', () => {
    expect(check(booking({ origin, destination, flight_type: 'one_way' }, [outbound]), booking({ origin, destination, flight_type: 'round_trip' }, [outbound, inbound]))).toEqual([]);
  });

  it('flags flights that leave from or land at another airport than the trip says', () => {
    expect(check(booking({ origin: destination, destination: origin, flight_type: 'one_way' }, [outbound]))).toEqual([
      { actionIndex: 1, message: `book_reservation books a one-way trip ${destination}-${origin}, but its flights fly ${origin}-${destination}: the first flight leaves from ${origin}, not from ${destination}` },
    ]);
    expect(check(booking({ origin, destination: 'XXX', flight_type: 'one_way' }, [outbound]))).toEqual([
      { actionIndex: 1, message: `book_reservation books a one-way trip ${origin}-XXX, but its flights fly ${origin}-${destination}: the last flight lands at ${destination}, not at XXX` },
    ]);
  });

  it('flags a round trip that never comes back', () => {
    expect(check(booking({ origin, destination, flight_type: 'round_trip' }, [outbound]))).toEqual([
      { actionIndex: 1, message: `book_reservation books a round trip ${origin}-${destination}-${origin}, but its flights fly ${origin}-${destination}: the last flight lands at ${destination}, not back at ${origin}` },
    ]);
  });

  it('flags flights that do not connect', () => {
    expect(check(booking({ origin, destination: elsewhere.destination, flight_type: 'one_way' }, [outbound, elsewhere]))).toEqual([
      {
        actionIndex: 1,
        message: `book_reservation books a one-way trip ${origin}-${elsewhere.destination}, but its flights fly ${origin}-${destination} / ${elsewhere.origin}-${elsewhere.destination}: flight ${elsewhere.flight_number} leaves from ${elsewhere.origin}, not from ${destination} where flight ${outbound.flight_number} lands`,
      },
    ]);
  });
});
