import type { z } from 'zod';
import type { ActionStep, DeepReadonly, DomainState, PolicyTrace, ToolDefinition, ToolParams } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords, Cabin, Reservation, User } from '../schema.ts';

/**
 * What every airline rule reads off a policy trace. Rules look only at actions that succeeded: a
 * failed call changed nothing, and the tools' own error already refuses it.
 */
export type AirlineTrace = PolicyTrace<AirlineRecords>;
export type AirlineStep = ActionStep<AirlineRecords>;
export type AirlineState = DomainState<AirlineRecords>;

/** A rule's finding before the rule's name is attached. */
export interface Finding {
  actionIndex: number;
  message: string;
}

/** The tools that change the database (the ones the cross-cutting rules govern). */
export const AIRLINE_WRITE_TOOLS = [
  'book_reservation',
  'cancel_reservation',
  'send_certificate',
  'update_reservation_baggages',
  'update_reservation_flights',
  'update_reservation_passengers',
] as const;

/** The writes that act on an existing reservation named by `reservation_id`. */
export const RESERVATION_WRITE_TOOLS = ['cancel_reservation', 'update_reservation_baggages', 'update_reservation_flights', 'update_reservation_passengers'] as const;

/** The steps that ran without an error. */
export const succeededSteps = (trace: AirlineTrace): AirlineStep[] => trace.steps.filter((step) => step.result.ok);

/** The successful calls of one tool, with their arguments as the tool's parameters read them. */
export function callsOf<P extends ToolParams>(trace: AirlineTrace, tool: ToolDefinition<AirlineRecords, P>): Array<{ step: AirlineStep; args: z.output<P> }> {
  return succeededSteps(trace).flatMap((step) => {
    if (step.call.name !== tool.name) return [];
    const parsed = tool.params.safeParse(step.call.arguments);
    return parsed.success ? [{ step, args: parsed.data as z.output<P> }] : [];
  });
}

/** The successful writes, in order. */
export const succeededWrites = (trace: AirlineTrace): AirlineStep[] => succeededSteps(trace).filter((step) => step.result.kind === 'write');

/** A string argument of a call, when it has one. */
export function stringArgument(step: AirlineStep, name: string): string | undefined {
  const args = step.call.arguments;
  if (args === null || typeof args !== 'object') return undefined;
  const value = (args as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** The reservation a write acts on (`reservation_id`), as it was just before the write. */
export function targetReservation(step: AirlineStep): DeepReadonly<Reservation> | undefined {
  const id = stringArgument(step, 'reservation_id');
  return id === undefined ? undefined : step.before.get('reservations', id);
}

/** Every write that went through on a reservation, with that reservation just before and just after it. */
export function reservationChanges(trace: AirlineTrace): Array<{ step: AirlineStep; before: DeepReadonly<Reservation>; after: DeepReadonly<Reservation> }> {
  return succeededWrites(trace).flatMap((step) => {
    const before = targetReservation(step);
    const after = before && step.after.get('reservations', before.reservation_id);
    return before && after ? [{ step, before, after }] : [];
  });
}

export const userBefore = (step: AirlineStep, userId: string): DeepReadonly<User> | undefined => step.before.get('users', userId);

/**
 * The cabin a reservation is in just before `stepIndex`. tau-bench's flight-change tool never writes the
 * new cabin to the record, so a cabin change made earlier in the trace is taken from that call.
 */
export function cabinBefore(trace: AirlineTrace, reservationId: string, stepIndex: number): Cabin | undefined {
  for (let index = stepIndex - 1; index >= 0; index--) {
    const step = trace.steps[index];
    if (!step?.result.ok || step.call.name !== 'update_reservation_flights' || stringArgument(step, 'reservation_id') !== reservationId) continue;
    const cabin = stringArgument(step, 'cabin');
    if (cabin === 'basic_economy' || cabin === 'economy' || cabin === 'business') return cabin;
  }
  return trace.steps[stepIndex]?.before.get('reservations', reservationId)?.cabin;
}

const CABIN_WORDS: Record<Cabin, string> = { basic_economy: 'basic economy', economy: 'economy', business: 'business' };

/** A cabin as a reviewer reads it ("basic economy"). */
export const cabinInWords = (cabin: Cabin): string => CABIN_WORDS[cabin];

/** "1 passenger", "3 passengers". */
export const countOf = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;
