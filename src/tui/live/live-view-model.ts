import type { BatchEvent, BatchProgress, RunEvent } from '../../batch/batch-events.ts';
import { summarizeJobEnd, type JobEndSummary } from '../../batch/job-end-summary.ts';
import { isAcceptedVerdict } from '../../batch/validate-blueprints.ts';
import type { ChatMessage } from '../../models/index.ts';
import type { TurnRole } from '../../rollout/rollout-events.ts';
import type { TerminationReason } from '../../rollout/termination.ts';
import type { VerdictReason } from '../../rollout/verdict.ts';
import { applyRolloutEvent, finishRolloutView, finishRolloutViewFromSummary, isErrorEnding, parseJobId, startRolloutView, type RolloutView } from './rollout-view.ts';

export interface LiveViewLimits {
  /** Finished rollouts whose conversations stay browsable (besides the live ones and the selected one). */
  keepFinished: number;
  /** Finished rows waiting to be printed above the live area; older ones are counted, not kept. */
  feed: number;
}

export const defaultLiveViewLimits: LiveViewLimits = { keepFinished: 50, feed: 2000 };

/** One finished rollout as a single line above the live area: small, and never changes. */
export interface FinishedRow {
  /** 0-based position among all finished rollouts of the run. */
  sequence: number;
  jobId: string;
  blueprintId: string;
  attempt: number;
  kept: boolean;
  reason: VerdictReason;
  termination: TerminationReason;
  /** Ended in an agent, human or infrastructure error. */
  error: boolean;
  turns: number;
  toolCalls: number;
  toolErrors: number;
  stateMatch: boolean;
  missingOutputs: number;
}

/** Figures counted from the events themselves (the engine's `progress` events may lag or be absent). */
export interface CountedTotals {
  done: number;
  kept: number;
  rejected: number;
  errors: number;
  tokens: number;
  /** Finished rollouts per verdict reason ('accepted' for kept ones). */
  reasons: Partial<Record<VerdictReason, number>>;
  /** Finished rollouts per way they ended. */
  endings: Partial<Record<TerminationReason, number>>;
}

export type LiveViewMode = 'list' | 'detail';

export interface LiveSelection {
  jobId: string | undefined;
  mode: LiveViewMode;
  /** First line of the detail pane shown, or 'tail' to follow the newest lines. */
  detailTop: number | 'tail';
}

/** Everything the live UI draws, as an immutable snapshot. */
export interface LiveViewState {
  limits: LiveViewLimits;
  phase: 'validation' | 'rollouts' | 'done' | undefined;
  blueprints: { validated: number; rejected: number };
  jobsStarted: number;
  skipped: number;
  /**
   * Distinct job ids seen (started, skipped or ended) and those done (ended, or skipped as done in an earlier
   * session): a resumed run's log holds a job's start twice and its end once, so only distinct ids count it
   * right. These sets only grow and are shared by the snapshots that follow (copying them per redraw would
   * cost as much as the run is large); read them for sizes and membership only.
   */
  jobIds: ReadonlySet<string>;
  doneIds: ReadonlySet<string>;
  counted: CountedTotals;
  /** The engine's latest `progress` event. */
  reported: BatchProgress | undefined;
  /** Milliseconds since the epoch of the first and latest event time stamps. */
  firstAt: number | undefined;
  lastAt: number | undefined;
  /** Running rollouts, in the order they started. */
  live: ReadonlyMap<string, RolloutView>;
  /** The latest finished rollouts with their conversations, oldest first. */
  recent: readonly RolloutView[];
  /** The selected rollout when it is neither live nor recent any more. */
  pinned: RolloutView | undefined;
  /** The latest finished rows, oldest first; `feed[0].sequence` tells how many fell off. */
  feed: readonly FinishedRow[];
  finished: number;
  selection: LiveSelection;
  /** The run ended while someone was reading a conversation: the view stays until they leave (q). */
  runOver: boolean;
  /**
   * Ends of jobs already done, left out (a log two writers corrupted): how many, the first few ids, and how
   * many distinct ids (`seen`, shared like jobIds, holds the duplicated ids only).
   */
  duplicates: { count: number; ids: readonly string[]; distinctIds: number; seen: ReadonlySet<string> };
}

/** Duplicated job ids a view names one by one (the count is always given). */
const LISTED_DUPLICATES = 5;

export function createLiveView(limits: Partial<LiveViewLimits> = {}): LiveViewState {
  return {
    limits: { ...defaultLiveViewLimits, ...limits },
    phase: undefined,
    blueprints: { validated: 0, rejected: 0 },
    jobsStarted: 0,
    skipped: 0,
    jobIds: new Set(),
    doneIds: new Set(),
    counted: { done: 0, kept: 0, rejected: 0, errors: 0, tokens: 0, reasons: {}, endings: {} },
    reported: undefined,
    firstAt: undefined,
    lastAt: undefined,
    live: new Map(),
    recent: [],
    pinned: undefined,
    feed: [],
    finished: 0,
    selection: { jobId: undefined, mode: 'list', detailTop: 'tail' },
    runOver: false,
    duplicates: { count: 0, ids: [], distinctIds: 0, seen: new Set() },
  };
}

function finishedRow(sequence: number, view: RolloutView, summary: JobEndSummary): FinishedRow {
  return {
    sequence,
    jobId: view.jobId,
    blueprintId: view.blueprintId,
    attempt: view.attempt,
    kept: summary.kept,
    reason: summary.reason,
    termination: summary.termination.reason,
    error: isErrorEnding(summary.termination),
    turns: summary.turns,
    toolCalls: summary.toolCalls,
    toolErrors: summary.toolErrors,
    stateMatch: summary.stateMatch,
    missingOutputs: summary.missingOutputs,
  };
}

type JobEndEvent = Extract<BatchEvent, { type: 'job-end' }>;

/** Who says a message: its role as a turn's. */
function speakerOf(message: ChatMessage): TurnRole | undefined {
  switch (message.role) {
    case 'user':
      return 'human';
    case 'assistant':
      return 'agent';
    case 'tool':
      return 'tools';
    default:
      return undefined;
  }
}

/** A working copy of a state: copies its collections once, then applies many events in place. */
class LiveViewDraft {
  readonly state: LiveViewState;
  readonly live: Map<string, RolloutView>;
  recent: RolloutView[];
  feed: FinishedRow[];

  constructor(previous: LiveViewState) {
    this.state = { ...previous, counted: { ...previous.counted, reasons: { ...previous.counted.reasons }, endings: { ...previous.counted.endings } }, blueprints: { ...previous.blueprints } };
    this.live = new Map(previous.live);
    this.recent = previous.recent.slice();
    this.feed = previous.feed.slice();
  }

  apply(event: RunEvent): void {
    const state = this.state;
    const at = 'at' in event ? Date.parse(event.at) : Number.NaN;
    if (Number.isFinite(at)) {
      state.firstAt = state.firstAt === undefined ? at : Math.min(state.firstAt, at);
      state.lastAt = state.lastAt === undefined ? at : Math.max(state.lastAt, at);
    }
    switch (event.type) {
      case 'phase':
        state.phase = event.phase;
        return;
      case 'blueprint-validated':
        // Undecided and unfinished blueprints are neither passed nor rejected.
        if (isAcceptedVerdict(event)) state.blueprints.validated++;
        else if (event.status === 'rejected') state.blueprints.rejected++;
        return;
      case 'job-start':
        state.jobsStarted++;
        (state.jobIds as Set<string>).add(event.jobId);
        // A job started again (a retry) replaces what was shown of it.
        this.recent = this.recent.filter((view) => view.jobId !== event.jobId);
        if (state.pinned?.jobId === event.jobId) state.pinned = undefined;
        this.live.set(event.jobId, startRolloutView(event.jobId, event.blueprintId, event.attempt));
        return;
      case 'rollout': {
        const view = this.live.get(event.jobId) ?? this.startUnannounced(event.jobId);
        this.live.set(event.jobId, applyRolloutEvent(view, event.event));
        return;
      }
      case 'message': {
        // An event log records no turn-start: each message says its turn, and its role who is speaking.
        let view = this.live.get(event.jobId) ?? this.startUnannounced(event.jobId);
        const role = speakerOf(event.message) ?? view.speaking;
        if (role && (view.turn !== event.turn || view.speaking !== role)) view = applyRolloutEvent(view, { type: 'turn-start', role, turn: event.turn });
        this.live.set(event.jobId, applyRolloutEvent(view, { type: 'message', index: event.index, message: event.message }));
        return;
      }
      case 'job-end':
        this.finish(event);
        return;
      case 'job-skipped':
        state.skipped++;
        (state.jobIds as Set<string>).add(event.jobId);
        (state.doneIds as Set<string>).add(event.jobId);
        return;
      case 'progress':
        state.reported = event.progress;
        return;
    }
  }

  /** A rollout whose job-start was not seen (e.g. a log that starts mid-run). */
  private startUnannounced(jobId: string): RolloutView {
    const { blueprintId, attempt } = parseJobId(jobId);
    return startRolloutView(jobId, blueprintId, attempt);
  }

  private finish(event: JobEndEvent): void {
    const state = this.state;
    const { jobId } = event;
    // A second end of a job already done is a duplicate (two writers on one run folder): the first one counts.
    if (state.doneIds.has(jobId)) {
      this.noteDuplicate(jobId);
      return;
    }
    const { trajectory } = event;
    const summary = 'summary' in event ? event.summary : summarizeJobEnd(event.trajectory);
    // The run's span starts with its first rollout's start, which a trajectory log (no job-start events) only
    // says in the trajectory itself: without it a finished run would read as lasting no time at all.
    const startedAt = trajectory ? Date.parse(trajectory.timings.startedAt) : Number.NaN;
    if (Number.isFinite(startedAt)) state.firstAt = state.firstAt === undefined ? startedAt : Math.min(state.firstAt, startedAt);
    const previous = this.live.get(jobId) ?? this.recent.find((view) => view.jobId === jobId) ?? (state.pinned?.jobId === jobId ? state.pinned : undefined);
    this.live.delete(jobId);
    this.recent = this.recent.filter((view) => view.jobId !== jobId);
    const view = trajectory ? finishRolloutView(previous, jobId, trajectory, true) : finishRolloutViewFromSummary(previous, jobId, 'trajectoryId' in event ? event.trajectoryId : jobId, summary);
    (state.jobIds as Set<string>).add(jobId);
    (state.doneIds as Set<string>).add(jobId);
    if (state.pinned?.jobId === jobId) state.pinned = undefined;
    this.recent.push(view);
    while (this.recent.length > state.limits.keepFinished) {
      const dropped = this.recent.shift();
      if (dropped && dropped.jobId === state.selection.jobId) state.pinned = dropped;
    }

    const counted = state.counted;
    counted.done++;
    if (summary.kept) counted.kept++;
    else if (isErrorEnding(summary.termination)) counted.errors++;
    else counted.rejected++;
    counted.tokens += summary.tokens;
    counted.reasons[summary.reason] = (counted.reasons[summary.reason] ?? 0) + 1;
    counted.endings[summary.termination.reason] = (counted.endings[summary.termination.reason] ?? 0) + 1;

    this.feed.push(finishedRow(state.finished, view, summary));
    state.finished++;
    if (this.feed.length > state.limits.feed) this.feed.splice(0, this.feed.length - state.limits.feed);
  }

  private noteDuplicate(jobId: string): void {
    const duplicates = this.state.duplicates;
    const listed = duplicates.ids.includes(jobId);
    this.state.duplicates = {
      count: duplicates.count + 1,
      ids: listed || duplicates.ids.length >= LISTED_DUPLICATES ? duplicates.ids : [...duplicates.ids, jobId],
      distinctIds: duplicates.distinctIds + (duplicates.seen.has(jobId) ? 0 : 1),
      seen: duplicates.seen,
    };
    (duplicates.seen as Set<string>).add(jobId);
  }

  result(): LiveViewState {
    return { ...this.state, live: this.live, recent: this.recent, feed: this.feed };
  }
}

/** The view after a batch of events, applied in order (one copy of the collections for the whole batch). */
export function reduceLiveViewEvents(state: LiveViewState, events: readonly RunEvent[]): LiveViewState {
  if (events.length === 0) return state;
  const draft = new LiveViewDraft(state);
  for (const event of events) draft.apply(event);
  return draft.result();
}

/** The view after one event. Pure: the given state is not changed. */
export function reduceLiveView(state: LiveViewState, event: RunEvent): LiveViewState {
  return reduceLiveViewEvents(state, [event]);
}

/** How many rollouts hold a full conversation right now: what bounds the view's memory. */
export function conversationsHeld(state: LiveViewState): number {
  const views = [...state.live.values(), ...state.recent, ...(state.pinned ? [state.pinned] : [])];
  return views.filter((view) => view.conversation !== undefined).length;
}
