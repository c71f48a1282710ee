import { getDomain } from '../domains/index.ts';
import { DomainState, type BaseState, type Domain } from '../src/domain-kit/index.ts';
import { formatTargetLine, median, type BenchFigure } from './bench-report.ts';

const collectGarbage = () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run the benchmarks with node --expose-gc (npm run bench does)');
  gc();
  gc();
};

const KiB = 1024;
const MiB = 1024 * 1024;
/** A fork holds at most this share of what a whole copy of the state costs (tau-bench copies it per rollout). */
const LIMIT_SHARE_OF_A_COPY = 0.01;

interface Reservation {
  reservation_id: string;
  user_id: string;
  total_baggages: number;
  nonfree_baggages: number;
}

/**
 * One round: forks of the airline state, each after a typical write (a bag update on a reservation),
 * until `forkCount` of them hold a write that succeeded. A fork whose write failed (a payment method the
 * tool refuses, say) holds no change: it is dropped and not counted, so the figure is what a fork that
 * changed something costs. Returns the extra heap per kept fork and the writes tried.
 */
function forkRound(airline: Domain, base: BaseState, forkCount: number): { perFork: number; tried: number } {
  const root = new DomainState(base);
  const reservations = [...root.values('reservations')] as unknown as Reservation[];
  const paymentOf = (userId: string) => Object.keys((root.get('users', userId) as { payment_methods: object }).payment_methods)[0] as string;
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const forks: DomainState[] = [];
  let tried = 0;
  for (; forks.length < forkCount; tried++) {
    if (tried >= reservations.length * 2) throw new Error(`only ${forks.length} of ${tried} bag updates succeeded; the bench needs ${forkCount}`);
    const reservation = reservations[tried % reservations.length] as Reservation;
    const state = new DomainState(base);
    const result = airline.execute(state, {
      name: 'update_reservation_baggages',
      arguments: { reservation_id: reservation.reservation_id, total_baggages: reservation.total_baggages + 1, nonfree_baggages: reservation.nonfree_baggages + 1, payment_id: paymentOf(reservation.user_id) },
    });
    if (result.ok) forks.push(state);
  }
  collectGarbage();
  const perFork = (process.memoryUsage().heapUsed - before) / forks.length;
  return { perFork, tried };
}

/** What tau-bench pays per rollout, measured here: the heap of one deep copy of the whole airline state. */
function wholeCopyBytes(base: BaseState): number {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const copy = structuredClone(base.raw());
  collectGarbage();
  const bytes = process.memoryUsage().heapUsed - before;
  if (Object.keys(copy).length === 0) throw new Error('the airline state copy is empty');
  return bytes;
}

/**
 * Extra heap per live fork of the airline state, at 1,000 forks each holding a write that succeeded
 * (median of rounds), against a deep copy of the whole state (what tau-bench makes per rollout) measured
 * in the same run.
 */
export function forkMemory(forkCount = 1000, rounds = 5): Array<BenchFigure | string> {
  const airline = getDomain('airline');
  const base = airline.createBase();
  base.hash();
  const results = Array.from({ length: rounds }, () => forkRound(airline, base, forkCount));
  const perFork = median(results.map((result) => result.perFork));
  const copy = median(Array.from({ length: 3 }, () => wholeCopyBytes(base)));
  const tried = results[0]?.tried ?? 0;
  return [
    {
      name: `extra heap per live airline fork (${forkCount} forks, each with a write)`,
      value: perFork / KiB,
      unit: 'KiB',
      target: { comparison: '<', value: 64 },
      note: `median of ${rounds} rounds; ${tried - forkCount} of ${tried} writes failed and were not counted`,
    },
    { name: 'deep copy of the whole airline state (tau-bench copies it per rollout)', value: copy / MiB, unit: 'MiB', note: 'median of 3' },
    formatTargetLine({
      target: 'memory per fork',
      figure: { name: 'extra heap per airline fork with a write', value: perFork / KiB, unit: 'KiB' },
      reference: { name: 'a deep copy of the whole state', value: copy / KiB, unit: 'KiB' },
      limit: { comparison: '<=', value: LIMIT_SHARE_OF_A_COPY },
    }),
  ];
}
