import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * tau-bench's reference data lives beside the checkout in ../shared/peers/tau-bench (never inside the
 * project). Tests that need it skip, saying so, when it is absent.
 */
export const tauBenchFolder = fileURLToPath(new URL('../../../shared/peers/tau-bench/', import.meta.url));
export const hasTauBench = existsSync(`${tauBenchFolder}tau-bench/retail/orders.json`);
export const tauBenchMissing = `tau-bench reference data not found at ${tauBenchFolder}: parity checks skipped`;

export const tauBenchDataFolder = (domain: 'retail' | 'airline') => `${tauBenchFolder}tau-bench/${domain}`;

export interface TauTask {
  task_index: number;
  user_id: string;
  instruction: string;
  actions: { name: string; kwargs: Record<string, unknown> }[];
  outputs: string[];
}

export interface ExpectedHashes {
  domain: string;
  initial_hash: string;
  tasks: { task_index: number; hash: string }[];
}

/** The task splits that have expected final-state hashes. */
export const paritySplits = [
  { domain: 'retail', split: 'dev', tasks: 'tau-bench/retail/retail_tasks_dev.json', expected: 'expected/retail_dev_state_hashes.json' },
  { domain: 'retail', split: 'train', tasks: 'tau-bench/retail/retail_tasks_train.json', expected: 'expected/retail_train_state_hashes.json' },
  { domain: 'airline', split: 'dev', tasks: 'tau-bench/airline/airline_tasks_dev.json', expected: 'expected/airline_dev_state_hashes.json' },
] as const;

export const readReference = <T>(relative: string): T => JSON.parse(readFileSync(`${tauBenchFolder}${relative}`, 'utf8')) as T;
