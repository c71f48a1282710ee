import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getDomain } from '../domains/index.ts';
import { readBlueprints } from '../src/blueprints/blueprint-files.ts';
import { BaseState, DomainState, readDataFolder, replayActions, type Domain, type ToolCall } from '../src/domain-kit/index.ts';
import { median, type BenchFigure } from './bench-report.ts';

const tauBench = fileURLToPath(new URL('../../shared/peers/tau-bench/tau-bench/', import.meta.url));
const shippedBlueprints = fileURLToPath(new URL('../blueprints/', import.meta.url));

interface Workload {
  label: string;
  domain: Domain;
  base: BaseState;
  tasks: ToolCall[][];
}

function workloads(): Workload[] {
  const found: Workload[] = [];
  const splits = [
    ['retail', 'retail/retail_tasks_train.json'],
    ['airline', 'airline/airline_tasks_dev.json'],
  ] as const;
  for (const [name, tasksFile] of splits) {
    const domain = getDomain(name);
    if (existsSync(`${tauBench}${tasksFile}`)) {
      const folder = `${tauBench}${name}`;
      const base = domain.createBase(domain.checkData(readDataFolder(folder, domain.collections), folder));
      const rows = JSON.parse(readFileSync(`${tauBench}${tasksFile}`, 'utf8')) as { actions: { name: string; kwargs: unknown }[] }[];
      found.push({ label: `${name}, ${rows.length} tau-bench tasks`, domain, base, tasks: rows.map((row) => row.actions.map((action) => ({ name: action.name, arguments: action.kwargs }))) });
    } else if (existsSync(`${shippedBlueprints}${name}`)) {
      const blueprints = readBlueprints([`${shippedBlueprints}${name}`]);
      found.push({ label: `${name}, ${blueprints.length} shipped blueprints`, domain, base: domain.createBase(), tasks: blueprints.map((blueprint) => blueprint.actions) });
    }
  }
  return found;
}

/**
 * Grading cost per task: a fresh state, a replay of the gold actions, and the final state hash —
 * what acceptance pays for every rollout. tau-bench's own code needs 212 ms (retail) and 516 ms
 * (airline) per task on this machine kind.
 */
export function gradingCost(): BenchFigure[] {
  const figures: BenchFigure[] = [];
  for (const { label, domain, base: loaded, tasks } of workloads()) {
    const rounds: number[] = [];
    for (let round = 0; round < 7; round++) {
      // A fresh base per round: its canonical index (built once per process in real use, so not timed)
      // starts with an empty hash memo, so no round is served from an earlier round's hashes.
      const base = new BaseState(loaded.raw());
      base.hash();
      const start = performance.now();
      for (const actions of tasks) {
        const state = new DomainState(base);
        replayActions(domain, state, actions);
        state.hash();
      }
      rounds.push((performance.now() - start) / tasks.length);
    }
    figures.push({ name: `grading cost per task (${label})`, value: median(rounds), unit: 'ms', target: { comparison: '<', value: 1 } });
  }
  return figures;
}
