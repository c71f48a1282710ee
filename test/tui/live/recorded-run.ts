import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { retail } from '../../../domains/retail/index.ts';
import type { BatchEvent, BatchProgress } from '../../../src/batch/batch-events.ts';
import { offlineRoles, type OfflineAgentKind } from '../../../src/batch/offline-roles.ts';
import { planJobs } from '../../../src/batch/rollout-job.ts';
import { runJobs } from '../../../src/batch/run-jobs.ts';
import type { Trajectory } from '../../../src/rollout/trajectory.ts';
import { RunFolder } from '../../../src/store/index.ts';
import { RUN_EVENTS_FILE } from '../../../src/tui/live/run-event-follower.ts';
import { cancelBlueprint, retailBase, tickingClock } from '../../support/default-retail.ts';

/** A batch run by the offline policies, as the engine would report it: its events in order and its trajectories. */
export interface RecordedRun {
  events: BatchEvent[];
  trajectories: Trajectory[];
}

export interface RecordOptions {
  trials?: number;
  agent?: OfflineAgentKind;
  concurrency?: number;
  /** The agent is not told the blueprint's outputs, so every rollout misses them. */
  agentSkipsOutputs?: boolean;
}

/**
 * Runs the shipped-style cancel blueprint with the offline policies and records the BatchEvents a
 * batch engine emits for it (job-start, every rollout event, job-end, progress, phases).
 */
export async function recordOfflineRun(options: RecordOptions = {}): Promise<RecordedRun> {
  const trials = options.trials ?? 4;
  const clock = tickingClock();
  const at = () => clock().toISOString();
  const blueprint = cancelBlueprint();
  const jobs = planJobs([blueprint], trials, 1);
  const events: BatchEvent[] = [{ type: 'phase', phase: 'rollouts', at: at() }];
  const started = new Set<string>();
  const progress: BatchProgress = { total: jobs.length, done: 0, kept: 0, rejected: 0, errors: 0, running: 0, tokens: 0, cost: 0, elapsedMs: 0 };
  const { trajectories } = await runJobs({
    domain: retail,
    base: retailBase(),
    jobs,
    roles: (job) => offlineRoles(retail, options.agentSkipsOutputs ? { ...job, blueprint: { ...job.blueprint, outputs: [] } } : job, options.agent ?? 'fallible'),
    concurrency: options.concurrency ?? 2,
    clock,
    onEvent: (job, event) => {
      if (!started.has(job.id)) {
        started.add(job.id);
        events.push({ type: 'job-start', jobId: job.id, blueprintId: job.blueprint.id, attempt: job.attempt, at: at() });
      }
      events.push({ type: 'rollout', jobId: job.id, event, at: at() });
    },
    onTrajectory: (trajectory, job) => {
      events.push({ type: 'job-end', jobId: job.id, trajectory, at: at() });
      progress.done++;
      if (trajectory.verdict.kept) progress.kept++;
      else progress.rejected++;
      events.push({ type: 'progress', progress: { ...progress, elapsedMs: progress.done * 60_000 }, at: at() });
    },
  });
  events.push({ type: 'phase', phase: 'done', at: at() });
  return { events, trajectories };
}

export const eventLine = (event: BatchEvent) => `${JSON.stringify(event)}\n`;

/** A run folder as a finished run leaves it: manifest, trajectory log and (unless told otherwise) the event log. */
export async function writeRunFolder(run: RecordedRun, options: { events?: boolean } = {}): Promise<string> {
  const folder = join(mkdtempSync(join(tmpdir(), 'interplay-watch-')), 'run');
  const folderWriter = await RunFolder.create(
    folder,
    { runId: 'watch-test', codeVersion: '0.1.0', domain: 'retail', seed: 1, config: {}, models: { human: 'offline:scripted-human', agent: 'offline:fallible-agent' } },
    { now: () => new Date('2026-01-02T03:04:05.000Z') },
  );
  for (const trajectory of run.trajectories) await folderWriter.record(trajectory);
  await folderWriter.close();
  if (options.events ?? true) writeFileSync(join(folder, RUN_EVENTS_FILE), run.events.map(eventLine).join(''));
  return folder;
}

/** A time stamp `second` seconds into the test day. */
export const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString();

/** A finished trajectory of the recorded run, renamed to another job. */
export function trajectoryFor(template: Trajectory, jobId: string, attempt: number): Trajectory {
  return { ...template, id: jobId, blueprintId: jobId.slice(0, jobId.lastIndexOf('#')), attempt };
}

/** The events of `count` rollouts running at once, interleaved turn by turn: what 256 concurrent rollouts send. */
export function concurrentEvents(count: number, turns: number): BatchEvent[] {
  const events: BatchEvent[] = [];
  const id = (job: number) => `bp-${job % 7}#${job}`;
  for (let job = 0; job < count; job++) events.push({ type: 'job-start', jobId: id(job), blueprintId: `bp-${job % 7}`, attempt: job, at: at(0) });
  for (let turn = 1; turn <= turns; turn++) {
    for (let job = 0; job < count; job++) {
      const jobId = id(job);
      const base = turn * 3;
      const callId = `call-${job}-${turn}`;
      const result = turn % 2 === 0 ? `{"order_id": "#W${turn}"}` : 'Error: order not found';
      events.push(
        { type: 'rollout', jobId, event: { type: 'turn-start', role: 'human', turn }, at: at(turn) },
        { type: 'rollout', jobId, event: { type: 'message', index: base, message: { role: 'user', content: `please do step ${turn}` } }, at: at(turn) },
        { type: 'rollout', jobId, event: { type: 'turn-start', role: 'agent', turn }, at: at(turn) },
        {
          type: 'rollout',
          jobId,
          event: { type: 'message', index: base + 1, message: { role: 'assistant', content: null, tool_calls: [{ id: callId, type: 'function', function: { name: 'get_order_details', arguments: `{"order_id": "#W${turn}"}` } }] } },
          at: at(turn),
        },
        { type: 'rollout', jobId, event: { type: 'tool-result', callId, name: 'get_order_details', ok: turn % 2 === 0, content: result }, at: at(turn) },
        { type: 'rollout', jobId, event: { type: 'message', index: base + 2, message: { role: 'tool', tool_call_id: callId, content: result } }, at: at(turn) },
      );
    }
  }
  return events;
}

/** A scheduler driven by the test: callbacks run only when `runAll` is called. */
export function manualScheduler() {
  const queue = new Map<number, () => void>();
  let next = 0;
  return {
    schedule: (callback: () => void) => {
      const id = next++;
      queue.set(id, callback);
      return () => void queue.delete(id);
    },
    get pending() {
      return queue.size;
    },
    runAll() {
      const callbacks = [...queue.values()];
      queue.clear();
      for (const callback of callbacks) callback();
    },
  };
}

/** Strips ANSI escapes, to measure what a person sees. */
// eslint-disable-next-line no-control-regex
export const visible = (text: string | undefined) => (text ?? '').replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');
