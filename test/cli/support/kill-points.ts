import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runFolderOutcome } from './run-folder-outcome.ts';

/**
 * The kill-point scenario of `interplay generate`, shared by the in-process and the real-process tests:
 * four shipped retail blueprints, 2 trials each, the fallible offline agent (kept and rejected
 * trajectories), seeded; and the checkpoints after which `--resume` must end exactly like an
 * uninterrupted run (a kill at `before-inputs:1` leaves no run: `generate --out` starts it again).
 */
export const killPointBatch = [
  '--domain',
  'retail',
  '--blueprints',
  'retail-cancel-pending-order',
  'retail-address-moved-1',
  'retail-cancel-and-return-1',
  'retail-exchange-delivered-item',
  '--offline',
  '--fallible',
  '--trials',
  '2',
  '--concurrency',
  '2',
  '--seed',
  '7',
];

export const resumableKillPoints: Array<[label: string, point: string]> = [
  ['between inputs and manifest', 'before-manifest:1'],
  ['during phase 1, before its verdicts are stored', 'after-manifest:1'],
  ['during phase 1, accepted inputs written, verdicts not', 'before-report:1'],
  ['mid-log, with a torn last line', 'mid-append:3'],
  ['after an append, before it was counted', 'after-append:3'],
  ['during the final summary, before it is written', 'before-summary:1'],
  ['during the final summary, before the counts and report', 'after-summary:1'],
];

/** The line a resume prints when it takes over the lock a killed `generate` left. */
export const takeoverLine = (folder: string, pid: number, host: string, since = '\\S+') =>
  new RegExp(`^took over the writer lock of ${folder}: its writer, pid ${pid} on host ${host} \\(generate, since ${since}\\), is gone\\n$`);

/** Checks the folder a kill left is the state its point names, where that state is visible on disk. */
export function expectLeftAt(point: string, folder: string): void {
  if (point === 'before-inputs:1') expect(readdirSync(folder)).toEqual(['writer.lock']);
  if (point === 'before-manifest:1') expect(readdirSync(folder).sort()).toEqual(['inputs.json', 'writer.lock']);
  if (point === 'mid-append:3') expect(readFileSync(join(folder, 'trajectories.jsonl'), 'utf8')).not.toMatch(/\n$/);
}

/**
 * Checks a run that went on from a kill: it said `stderr` (a takeover line, or nothing), exited 0, gave
 * its lock back, and its folder ends exactly like the uninterrupted run's (`reference`).
 */
export function expectFinishedLike(run: { code: number | null; stderr: string }, folder: string, stderr: RegExp | string, reference: ReturnType<typeof runFolderOutcome>): void {
  if (typeof stderr === 'string') expect(run.stderr).toBe(stderr);
  else expect(run.stderr).toMatch(stderr);
  expect(run.code).toBe(0);
  expect(existsSync(join(folder, 'writer.lock'))).toBe(false);
  expect(runFolderOutcome(folder)).toEqual(reference);
}

/** Runs the batch uninterrupted into `folder` with `run` (in-process or a real process) and returns its outcome. */
export async function uninterruptedOutcome(run: (argv: string[]) => Promise<{ code: number | null; stderr: string }>, folder: string): Promise<ReturnType<typeof runFolderOutcome>> {
  const whole = await run([...killPointBatch, '--out', folder]);
  expect(whole.stderr).toBe('');
  expect(whole.code).toBe(0);
  const outcome = runFolderOutcome(folder);
  expect(outcome.trajectories).toHaveLength(8);
  // The fallible agent makes mistakes: the batch has rejected trajectories as well as kept ones.
  expect(outcome.trajectories.some((trajectory) => !trajectory.verdict.kept)).toBe(true);
  return outcome;
}
