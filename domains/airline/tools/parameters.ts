import { z } from 'zod';

/**
 * Parameter schemas several airline tools share. Nested objects keep fields they do not name, as
 * tau-bench stores whatever the model sent.
 */

export const reservationIdParameter = z.string().describe("The reservation's ID, such as 'ZFA04Y'.");

export const userIdParameter = z.string().describe("The user's ID, such as 'sara_doe_496'.");

export const cabinParameter = z.enum(['basic_economy', 'economy', 'business']);

export const paymentIdParameter = z
  .string()
  .describe("The ID of a payment method saved in the user's profile, such as 'credit_card_7815826', 'gift_card_7815826' or 'certificate_7815826'.");

export const flightSegmentParameter = z.looseObject({
  flight_number: z.string().describe("The flight's number, such as 'HAT001'."),
  date: z.string().describe("The day of the flight as 'YYYY-MM-DD', such as '2024-05-01'."),
});

export const passengerParameter = z.looseObject({
  first_name: z.string().describe("The passenger's first name, such as 'Noah'."),
  last_name: z.string().describe("The passenger's last name, such as 'Brown'."),
  dob: z.string().describe("The passenger's date of birth as 'YYYY-MM-DD', such as '1990-01-01'."),
});

export const passengersParameter = z.array(passengerParameter).describe('Every passenger: one object per person.');

export const airportCodeParameter = (role: 'origin' | 'destination', example: string) =>
  z.string().describe(`The three-letter code of the ${role} airport, such as '${example}'.`);

export const flightDateParameter = (example: string) => z.string().describe(`The day to fly, as 'YYYY-MM-DD', such as '${example}'.`);
