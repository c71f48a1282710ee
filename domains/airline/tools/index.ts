import { defineCalculateTool, defineTransferToHumanAgentsTool, type ToolDefinition } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords } from '../schema.ts';
import { bookReservation } from './book-reservation.ts';
import { cancelReservation } from './cancel-reservation.ts';
import { getReservationDetails } from './get-reservation-details.ts';
import { getUserDetails } from './get-user-details.ts';
import { listAllAirports } from './list-all-airports.ts';
import { searchDirectFlight } from './search-direct-flight.ts';
import { searchOnestopFlight } from './search-onestop-flight.ts';
import { sendCertificate } from './send-certificate.ts';
import { think } from './think.ts';
import { updateReservationBaggages } from './update-reservation-baggages.ts';
import { updateReservationFlights } from './update-reservation-flights.ts';
import { updateReservationPassengers } from './update-reservation-passengers.ts';

/** Every tool of the airline domain, in tau-bench's order. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const airlineTools: ToolDefinition<AirlineRecords, any>[] = [
  bookReservation,
  defineCalculateTool<AirlineRecords>(),
  cancelReservation,
  getReservationDetails,
  getUserDetails,
  listAllAirports,
  searchDirectFlight,
  searchOnestopFlight,
  sendCertificate,
  think,
  defineTransferToHumanAgentsTool<AirlineRecords>(),
  updateReservationBaggages,
  updateReservationFlights,
  updateReservationPassengers,
];
