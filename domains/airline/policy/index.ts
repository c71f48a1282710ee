import type { PolicyRule } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords } from '../schema.ts';
import { atMostFivePassengers } from './at-most-five-passengers.ts';
import { bagsOnlyAdded } from './bags-only-added.ts';
import { basicEconomyFlightsUnchanged } from './basic-economy-flights-unchanged.ts';
import { bookingItineraryMatchesTrip } from './booking-itinerary-matches-trip.ts';
import { cancellationEligibility } from './cancellation-eligibility.ts';
import { cancelledReservationUnchanged } from './cancelled-reservation-unchanged.ts';
import { checkedBagAllowance } from './checked-bag-allowance.ts';
import { compensationAmount } from './compensation-amount.ts';
import { compensationEligibility } from './compensation-eligibility.ts';
import { noCancellationAfterFlown } from './no-cancellation-after-flown.ts';
import { noInsuranceAfterBooking } from './no-insurance-after-booking.ts';
import { ownRecordsOnly } from './own-records-only.ts';
import { passengerCountUnchanged } from './passenger-count-unchanged.ts';
import { paymentFromOwnProfile } from './payment-from-own-profile.ts';
import { paymentMethodLimits } from './payment-method-limits.ts';
import { tripUnchangedByFlightChange } from './trip-unchanged-by-flight-change.ts';
import { userIdentifiedBeforeWrite } from './user-identified-before-write.ts';

/** The airline policy's executable rules (see README.md for the rules no trace can show). */
export const airlinePolicyRules: readonly PolicyRule<AirlineRecords>[] = [
  userIdentifiedBeforeWrite,
  ownRecordsOnly,
  paymentFromOwnProfile,
  atMostFivePassengers,
  paymentMethodLimits,
  bookingItineraryMatchesTrip,
  checkedBagAllowance,
  basicEconomyFlightsUnchanged,
  tripUnchangedByFlightChange,
  bagsOnlyAdded,
  noInsuranceAfterBooking,
  passengerCountUnchanged,
  cancelledReservationUnchanged,
  cancellationEligibility,
  noCancellationAfterFlown,
  compensationEligibility,
  compensationAmount,
];
