import { fileURLToPath } from 'node:url';
import { getDomain } from '../domains/index.ts';
import { DEFAULT_SEED } from '../domains/airline/data/generate.ts';
import { offlineRoles, type OfflineAgentKind } from '../src/batch/offline-roles.ts';
import { readBlueprints } from '../src/blueprints/blueprint-files.ts';
import type { Blueprint } from '../src/blueprints/blueprint.ts';
import { BaseState, type DomainData, type Domain } from '../src/domain-kit/index.ts';
import { gradeTrajectory, type GradeInput } from '../src/rollout/acceptance.ts';
import { runRollout } from '../src/rollout/run-rollout.ts';
import { formatTargetLine, median, type BenchFigure } from './bench-report.ts';

const shippedBlueprints = (domain: string) => fileURLToPath(new URL(`../blueprints/${domain}`, import.meta.url));

/** What grading reads of one stored trajectory: everything but the base (each measurement brings its own). */
type Graded = Omit<GradeInput, 'base'>;

interface Workload {
  label: string;
  domain: Domain;
  data: DomainData;
  trajectories: Graded[];
}

const ROUNDS = 7;
/** Offline rollouts per blueprint: the oracle agent (kept) and fallible agents (often a state mismatch, so the diff is paid for). */
const AGENTS: Array<[OfflineAgentKind, number]> = [
  ['oracle', 1],
  ['fallible', 2],
  ['fallible', 3],
];

/** Rolls every blueprint out offline on `data` (not timed) and keeps what grading reads back. */
async function rolledOut(label: string, domain: Domain, data: DomainData, blueprints: readonly Blueprint[]): Promise<Workload> {
  const base = new BaseState(data);
  const trajectories: Graded[] = [];
  for (const blueprint of blueprints) {
    for (const [kind, seed] of AGENTS) {
      const roles = offlineRoles(domain, { id: `${blueprint.id}#${seed}`, blueprint, attempt: seed, seed }, kind);
      const trajectory = await runRollout({ domain, base, blueprint, attempt: seed, seed, ...roles, clock: () => new Date(0) });
      trajectories.push({ domain, blueprint, messages: trajectory.messages, termination: trajectory.termination.reason });
    }
  }
  return { label, domain, data, trajectories };
}

/**
 * The airline database at `--scale 10` (what `interplay data generate --scale 10` writes, with the default
 * seed), with the shipped scale-1 records laid over it so the shipped blueprints run unchanged on both
 * sizes: the same trajectories, ten times the records around them.
 */
function airlineAtScaleTen(domain: Domain): DomainData {
  const shipped = domain.loadDefaultData();
  const large = domain.generateData({ seed: DEFAULT_SEED, scale: 10 });
  return Object.fromEntries(domain.collections.map((collection) => [collection, { ...large[collection], ...shipped[collection] }]));
}

/**
 * Milliseconds per trajectory: the median of rounds, each grading with a base of its own, made before
 * the clock starts (a base is made once per process in real use).
 */
function perTrajectory(rounds: number, makeBase: () => BaseState, round: (base: BaseState) => number, count: number): number {
  const bases = Array.from({ length: rounds }, makeBase);
  return median(bases.map((base) => round(base) / count));
}

const records = (data: DomainData) => Object.values(data).reduce((sum, collection) => sum + Object.keys(collection).length, 0);

/**
 * What grading costs per stored trajectory, measured on the real grading function: `gradeTrajectory`
 * (gold replay, re-execution of the transcript's calls, change-set comparison, diff, outputs), on offline
 * rollouts of the shipped blueprints (oracle and fallible agents, so kept and rejected verdicts).
 * - distinct blueprints: every trajectory once per round on a fresh base, so no hash memo can serve a
 *   round (the memo misses, as in a run of many blueprints);
 * - repeated trials: one blueprint's trajectory graded again and again on one base (the memo warm);
 * - with the verdict's hashes read: as writing the trajectory log does (the full state hashes, computed
 *   on first read, once per distinct change set), on a fresh base per round (its index built untimed, once
 *   per process in real use).
 * The target: grading at airline `--scale 10` costs at most 1.5x grading at scale 1, same trajectories,
 * same run. tau-bench's own grading needs 212 ms (retail) and 516 ms (airline) per task on this machine kind.
 */
export async function gradingCost(): Promise<Array<BenchFigure | string>> {
  const retail = getDomain('retail');
  const airline = getDomain('airline');
  const airlineBlueprints = readBlueprints([shippedBlueprints('airline')]);
  const workloads = [
    await rolledOut('retail, scale 1', retail, retail.loadDefaultData(), readBlueprints([shippedBlueprints('retail')])),
    await rolledOut('airline, scale 1', airline, airline.loadDefaultData(), airlineBlueprints),
    await rolledOut('airline, scale 10', airline, airlineAtScaleTen(airline), airlineBlueprints),
  ];
  const figures: BenchFigure[] = [];
  const distinct = new Map<string, number>();
  for (const { label, data, trajectories } of workloads) {
    const name = `${label}: ${records(data)} records, ${trajectories.length} trajectories`;
    const gradeAll = (base: BaseState, readHashes: boolean) => {
      const start = performance.now();
      for (const trajectory of trajectories) {
        const verdict = gradeTrajectory({ ...trajectory, base });
        if (readHashes && verdict.state.goldHash.length + verdict.state.finalHash.length !== 128) throw new Error('a state hash is not SHA-256 hex');
      }
      return performance.now() - start;
    };
    gradeAll(new BaseState(data), false);
    const cold = perTrajectory(ROUNDS, () => new BaseState(data), (base) => gradeAll(base, false), trajectories.length);
    distinct.set(label, cold);
    figures.push({ name: `grading per trajectory, distinct blueprints (${name})`, value: cold, unit: 'ms', target: { comparison: '<', value: 1 } });

    const warmBase = new BaseState(data);
    const one = trajectories[0] as Graded;
    const repeats = 50;
    const warm = perTrajectory(
      ROUNDS,
      () => warmBase,
      () => {
        const start = performance.now();
        for (let index = 0; index < repeats; index++) gradeTrajectory({ ...one, base: warmBase });
        return performance.now() - start;
      },
      repeats,
    );
    figures.push({ name: `  the same, one blueprint's trial graded ${repeats} times (${label})`, value: warm, unit: 'ms' });

    const withHashes = perTrajectory(
      3,
      () => {
        const base = new BaseState(data);
        base.hash();
        return base;
      },
      (base) => gradeAll(base, true),
      trajectories.length,
    );
    figures.push({ name: `  the same, with the verdict's state hashes read, as written (${label})`, value: withHashes, unit: 'ms', note: 'full hashes: once per distinct change set, they grow with the database' });
  }
  const scaleOne = distinct.get('airline, scale 1') as number;
  const scaleTen = distinct.get('airline, scale 10') as number;
  return [
    ...figures,
    formatTargetLine({
      target: 'grading independent of database size',
      figure: { name: 'grading at airline --scale 10', value: scaleTen, unit: 'ms/trajectory' },
      reference: { name: 'at scale 1', value: scaleOne, unit: 'ms/trajectory' },
      limit: { comparison: '<=', value: 1.5 },
    }) + ' (tau-bench: 516 ms per airline task)',
  ];
}
