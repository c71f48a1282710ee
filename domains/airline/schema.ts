import { z } from 'zod';

/**
 * Records of the airline domain, exactly as tau-bench stores them. Objects are loose: a field we do
 * not know is kept, never dropped, so imported data hashes as it did in tau-bench.
 */
export const cabinSchema = z.enum(['basic_economy', 'economy', 'business']);

export const seatCountsSchema = z.looseObject({ basic_economy: z.number(), economy: z.number(), business: z.number() });

/** One date of a flight; which fields it has depends on its status. */
export const flightDateSchema = z.looseObject({
  status: z.enum(['available', 'on time', 'delayed', 'flying', 'landed', 'cancelled']),
  available_seats: seatCountsSchema.optional(),
  prices: seatCountsSchema.optional(),
  actual_departure_time_est: z.string().optional(),
  actual_arrival_time_est: z.string().optional(),
  estimated_departure_time_est: z.string().optional(),
  estimated_arrival_time_est: z.string().optional(),
});

export const flightSchema = z.looseObject({
  flight_number: z.string(),
  origin: z.string(),
  destination: z.string(),
  scheduled_departure_time_est: z.string(),
  scheduled_arrival_time_est: z.string(),
  dates: z.record(z.string(), flightDateSchema),
});

export const passengerSchema = z.looseObject({ first_name: z.string(), last_name: z.string(), dob: z.string() });

export const paymentMethodSchema = z.discriminatedUnion('source', [
  z.looseObject({ source: z.literal('credit_card'), id: z.string(), brand: z.string(), last_four: z.string() }),
  z.looseObject({ source: z.literal('gift_card'), id: z.string(), amount: z.number() }),
  z.looseObject({ source: z.literal('certificate'), id: z.string(), amount: z.number() }),
]);

export const userSchema = z.looseObject({
  name: z.looseObject({ first_name: z.string(), last_name: z.string() }),
  address: z.looseObject({
    address1: z.string(),
    address2: z.string(),
    city: z.string(),
    country: z.string(),
    state: z.string(),
    zip: z.string(),
  }),
  email: z.string(),
  dob: z.string(),
  payment_methods: z.record(z.string(), paymentMethodSchema),
  saved_passengers: z.array(passengerSchema),
  membership: z.enum(['regular', 'silver', 'gold']),
  reservations: z.array(z.string()),
});

export const reservationFlightSchema = z.looseObject({
  origin: z.string(),
  destination: z.string(),
  flight_number: z.string(),
  date: z.string(),
  price: z.number(),
});

export const reservationPaymentSchema = z.looseObject({ payment_id: z.string(), amount: z.number() });

export const reservationSchema = z.looseObject({
  reservation_id: z.string(),
  user_id: z.string(),
  origin: z.string(),
  destination: z.string(),
  flight_type: z.enum(['one_way', 'round_trip']),
  cabin: cabinSchema,
  flights: z.array(reservationFlightSchema),
  passengers: z.array(passengerSchema),
  payment_history: z.array(reservationPaymentSchema),
  created_at: z.string(),
  total_baggages: z.number(),
  nonfree_baggages: z.number(),
  insurance: z.enum(['yes', 'no']),
  status: z.string().optional(),
});

export type Cabin = z.infer<typeof cabinSchema>;
export type FlightDate = z.infer<typeof flightDateSchema>;
export type Flight = z.infer<typeof flightSchema>;
export type Passenger = z.infer<typeof passengerSchema>;
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;
export type User = z.infer<typeof userSchema>;
export type ReservationFlight = z.infer<typeof reservationFlightSchema>;
export type Reservation = z.infer<typeof reservationSchema>;

/** Collection name -> record type; the key order of the state document is flights, reservations, users. */
export type AirlineRecords = { flights: Flight; reservations: Reservation; users: User };

export const airlineRecordSchemas = { flights: flightSchema, reservations: reservationSchema, users: userSchema };
export const airlineIdFields = { flights: 'flight_number', reservations: 'reservation_id' } as const;
