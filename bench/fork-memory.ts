import { getDomain } from '../domains/index.ts';
import { DomainState } from '../src/domain-kit/index.ts';
import type { BenchFigure } from './bench-report.ts';

const collectGarbage = () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run the benchmarks with node --expose-gc (npm run bench does)');
  gc();
  gc();
};

/**
 * Extra heap per live fork of the airline state, at 1,000 forks each after a typical write (a bag
 * update on one of the user's reservations). tau-bench deep-copies the whole 12.6 MiB state per rollout.
 */
export function forkMemory(forkCount = 1000): BenchFigure[] {
  const airline = getDomain('airline');
  const base = airline.createBase();
  base.hash();
  const root = new DomainState(base);
  const reservations = [...root.values('reservations')].slice(0, forkCount) as unknown as { reservation_id: string; user_id: string; total_baggages: number; nonfree_baggages: number }[];
  const paymentOf = (userId: string) => Object.keys((root.get('users', userId) as { payment_methods: object }).payment_methods)[0] as string;
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const forks: DomainState[] = [];
  let writes = 0;
  for (let index = 0; index < forkCount; index++) {
    const reservation = reservations[index % reservations.length]!;
    const state = new DomainState(base);
    const result = airline.execute(state, {
      name: 'update_reservation_baggages',
      arguments: { reservation_id: reservation.reservation_id, total_baggages: reservation.total_baggages + 1, nonfree_baggages: reservation.nonfree_baggages + 1, payment_id: paymentOf(reservation.user_id) },
    });
    if (result.ok) writes++;
    forks.push(state as DomainState);
  }
  collectGarbage();
  const perFork = (process.memoryUsage().heapUsed - before) / forks.length;
  return [
    { name: `extra heap per live airline fork (${forkCount} forks, ${writes} with a write)`, value: perFork / 1024, unit: 'KiB', target: { comparison: '<', value: 64 } },
  ];
}
