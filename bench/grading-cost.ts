import { fileURLToPath } from 'node:url';
import { getDomain } from '../domains/index.ts';
import { DEFAULT_SEED } from '../domains/airline/data/generate.ts';
import type { AirlineRecords } from '../domains/airline/schema.ts';
import { offlineRoles, type OfflineAgentKind } from '../src/batch/offline-roles.ts';
import { readBlueprints } from '../src/blueprints/blueprint-files.ts';
import type { Blueprint } from '../src/blueprints/blueprint.ts';
import { BaseState, type Domain, type DomainData } from '../src/domain-kit/index.ts';
import { gradeTrajectory, type GradeInput } from '../src/rollout/acceptance.ts';
import { runRollout } from '../src/rollout/run-rollout.ts';
import type { Verdict } from '../src/rollout/verdict.ts';
import { formatTargetLine, median, type BenchFigure } from './bench-report.ts';

const shippedBlueprints = (domain: string) => fileURLToPath(new URL(`../blueprints/${domain}`, import.meta.url));

/** What grading reads of one stored trajectory: everything but the base (each measurement brings its own). */
type Graded = Omit<GradeInput, 'base'>;

interface Workload {
  label: string;
  data: DomainData;
  trajectories: Graded[];
}

const ROUNDS = 9;
/** Passes over the trajectories per sample of the distinct-blueprints figure, so a sample lasts long enough to time. */
const PASSES = 4;

/**
 * CPU milliseconds of this process (every thread: the grading and its garbage collection) since `since`.
 * CPU time, not wall-clock time: on a shared, loaded machine the wall clock also counts the time other
 * processes held the cores.
 */
const cpuMs = (since?: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
/** Offline rollouts per blueprint: the oracle agent (kept) and fallible agents (often a state mismatch, so the diff is paid for). */
const AGENTS: Array<[OfflineAgentKind, number]> = [
  ['oracle', 1],
  ['fallible', 2],
  ['fallible', 3],
];

/** Rolls every blueprint out offline on `data` (not timed) and keeps what grading reads back. */
async function rolledOut(domain: Domain, data: DomainData, blueprints: readonly Blueprint[]): Promise<Graded[]> {
  const base = new BaseState(data);
  const trajectories: Graded[] = [];
  for (const blueprint of blueprints) {
    for (const [kind, seed] of AGENTS) {
      const roles = offlineRoles(domain, { id: `${blueprint.id}#${seed}`, blueprint, attempt: seed, seed }, kind);
      const trajectory = await runRollout({ domain, base, blueprint, attempt: seed, seed, ...roles, clock: () => new Date(0) });
      trajectories.push({ domain, blueprint, messages: trajectory.messages, termination: trajectory.termination.reason });
    }
  }
  return trajectories;
}

const routeOf = (flight: { origin: string; destination: string }) => `${flight.origin}-${flight.destination}`;

/**
 * The airline database at `--scale 10` (what `interplay data generate --scale 10` writes, with the default
 * seed) around the shipped scale-1 records, so that the very trajectories rolled out at scale 1 grade
 * unchanged: the generated flights of the routes the shipped flights fly are left out (a search would find
 * them, and the stored search results would no longer replay). 11x the users and reservations, 6x the flights.
 */
async function airlineAtScaleTen(domain: Domain<AirlineRecords>): Promise<DomainData<AirlineRecords>> {
  const shipped = domain.loadDefaultData();
  const large = await domain.generateData({ seed: DEFAULT_SEED, scale: 10 });
  const shippedRoutes = new Set(Object.values(shipped.flights).map(routeOf));
  const flights = Object.fromEntries(Object.entries(large.flights).filter(([, flight]) => !shippedRoutes.has(routeOf(flight))));
  return { flights: { ...flights, ...shipped.flights }, reservations: { ...large.reservations, ...shipped.reservations }, users: { ...large.users, ...shipped.users } };
}

/** Milliseconds per trajectory: the median of rounds, each with a base of its own, made before the clock starts. */
function perTrajectory(rounds: number, makeBase: () => BaseState, round: (base: BaseState) => number, count: number): number {
  const bases = Array.from({ length: rounds }, makeBase);
  return median(bases.map((base) => round(base) / count));
}

const records = (data: DomainData) => Object.values(data).reduce((sum, collection) => sum + Object.keys(collection).length, 0);

/** Grades every trajectory once on `base`; reading the hashes as writing the trajectory log does. Returns ms and the verdicts. */
function gradeAll(trajectories: readonly Graded[], base: BaseState, readHashes: boolean): { ms: number; verdicts: Verdict[] } {
  const verdicts: Verdict[] = [];
  const start = process.cpuUsage();
  for (const trajectory of trajectories) {
    const verdict = gradeTrajectory({ ...trajectory, base });
    if (readHashes && verdict.state.goldHash.length + verdict.state.finalHash.length !== 128) throw new Error('a state hash is not SHA-256 hex');
    verdicts.push(verdict);
  }
  return { ms: cpuMs(start), verdicts };
}

/**
 * Grading per trajectory over distinct blueprints for each workload: every pass grades each trajectory
 * once on a base of its own, made before the clock starts, so no memo of an earlier pass (or of the
 * rollouts) can serve it. Rounds interleave the workloads (A B, B A, ...), so that a machine getting
 * busier or quieter during the run weighs on both alike.
 */
function distinctBlueprints(workloads: readonly Workload[]): number[] {
  const samples = workloads.map((): number[] => []);
  for (let round = 0; round < ROUNDS; round++) {
    const order = workloads.map((_, index) => index);
    if (round % 2 === 1) order.reverse();
    for (const index of order) {
      const workload = workloads[index] as Workload;
      const bases = Array.from({ length: PASSES }, () => new BaseState(workload.data));
      const ms = bases.reduce((sum, base) => sum + gradeAll(workload.trajectories, base, false).ms, 0);
      (samples[index] as number[]).push(ms / (PASSES * workload.trajectories.length));
    }
  }
  return samples.map(median);
}

/** The figures of one workload, `distinct` its grading per trajectory over distinct blueprints. */
function measure(workload: Workload, distinct: number, figures: BenchFigure[]) {
  const { label, data, trajectories } = workload;
  figures.push({
    name: `grading per trajectory, distinct blueprints (${label}: ${records(data)} records, ${trajectories.length} trajectories)`,
    value: distinct,
    unit: 'ms',
    target: { comparison: '<', value: 1 },
  });

  const base = new BaseState(data);
  const one = trajectories[0] as Graded;
  const repeats = 50;
  const repeated = perTrajectory(
    ROUNDS,
    () => base,
    () => {
      const start = process.cpuUsage();
      for (let index = 0; index < repeats; index++) gradeTrajectory({ ...one, base });
      return cpuMs(start);
    },
    repeats,
  );
  figures.push({ name: `  the same, one blueprint's trial graded ${repeats} times (${label})`, value: repeated, unit: 'ms' });

  const withHashes = perTrajectory(
    3,
    () => {
      const fresh = new BaseState(data);
      fresh.hash();
      return fresh;
    },
    (fresh) => gradeAll(trajectories, fresh, true).ms,
    trajectories.length,
  );
  figures.push({ name: `  the same, with the verdict's state hashes read, as written (${label})`, value: withHashes, unit: 'ms', note: 'full hashes, once per distinct change set: they grow with the database' });
}

/**
 * What grading costs per stored trajectory (CPU time, median of rounds), measured on the real grading function: `gradeTrajectory`
 * (gold replay, re-execution of the transcript's calls, change-set comparison, diff, outputs), on offline
 * rollouts of the shipped blueprints (oracle and fallible agents, so kept and rejected verdicts).
 * - distinct blueprints: each trajectory once per pass, on a fresh base per pass: no memo serves it, as
 *   in a run of many blueprints (the base's lookups are built in the first grading that needs them);
 * - repeated trials: one blueprint's trajectory graded again and again on one base (memos warm);
 * - with the verdict's hashes read, as writing the trajectory log does (the full state hashes, computed on
 *   first read, once per distinct change set), on a fresh base per round, its canonical index built
 *   untimed (once per process in real use) and its hash memo empty.
 * The target: grading the same airline trajectories on the `--scale 10` database costs at most 1.5x grading
 * them at scale 1, in the same run. tau-bench's own grading needs 212 ms (retail) and 516 ms (airline) per
 * task on this machine kind.
 */
export async function gradingCost(): Promise<Array<BenchFigure | string>> {
  const retail = getDomain('retail');
  const airline = getDomain('airline') as unknown as Domain<AirlineRecords>;
  const retailData = retail.loadDefaultData();
  const airlineData = airline.loadDefaultData();
  const airlineTrajectories = await rolledOut(airline as unknown as Domain, airlineData, readBlueprints([shippedBlueprints('airline')]));
  const scaleOne: Workload = { label: 'airline, scale 1', data: airlineData, trajectories: airlineTrajectories };
  const scaleTen: Workload = { label: 'airline, scale 10, the same trajectories', data: await airlineAtScaleTen(airline), trajectories: airlineTrajectories };
  // The same trajectories must get the same verdicts on the larger database, or the comparison means nothing.
  const reasons = (workload: Workload) => gradeAll(workload.trajectories, new BaseState(workload.data), false).verdicts.map((verdict) => verdict.reason).join();
  if (reasons(scaleOne) !== reasons(scaleTen)) throw new Error('the scale-10 airline database changes verdicts of the scale-1 trajectories');

  const retailWorkload: Workload = { label: 'retail, scale 1', data: retailData, trajectories: await rolledOut(retail, retailData, readBlueprints([shippedBlueprints('retail')])) };
  const workloads = [retailWorkload, scaleOne, scaleTen];
  const distinct = distinctBlueprints(workloads);
  const figures: BenchFigure[] = [];
  workloads.forEach((workload, index) => measure(workload, distinct[index] as number, figures));
  const [, one, ten] = distinct as [number, number, number];
  return [
    ...figures,
    `${formatTargetLine({
      target: 'grading independent of database size',
      figure: { name: 'airline --scale 10', value: ten, unit: 'ms/trajectory' },
      reference: { name: 'the same trajectories at scale 1', value: one, unit: 'ms/trajectory' },
      limit: { comparison: '<=', value: 1.5 },
    })} (tau-bench: 516 ms per airline task)`,
  ];
}
