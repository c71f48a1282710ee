import { beforeAll, describe, expect, it } from 'vitest';
import type { BatchEvent } from '../../../src/batch/batch-events.ts';
import type { Trajectory } from '../../../src/rollout/trajectory.ts';
import { headerFigures } from '../../../src/tui/live/header-figures.ts';
import { navigateLiveView, selectableRollouts, selectedRollout } from '../../../src/tui/live/live-navigation.ts';
import { conversationsHeld, createLiveView, reduceLiveView, reduceLiveViewEvents, type LiveViewState } from '../../../src/tui/live/live-view-model.ts';
import { at, concurrentEvents, recordOfflineRun, trajectoryFor, type RecordedRun } from './recorded-run.ts';

let run: RecordedRun;
beforeAll(async () => {
  run = await recordOfflineRun({ trials: 6 });
});

describe('reduceLiveView', () => {
  it('follows a rollout as it happens: turn, who acts, the last event, the conversation with tool calls and results', () => {
    // Follow the first job that calls a tool (the fallible agent's seeds decide which one), and stop
    // right after its first tool result.
    const cut = run.events.findIndex((event) => event.type === 'rollout' && event.event.type === 'tool-result');
    const result = run.events[cut];
    if (result?.type !== 'rollout') throw new Error('no tool result recorded');
    const firstJob = run.events.find((event) => event.type === 'job-start' && event.jobId === result.jobId);
    if (firstJob?.type !== 'job-start') throw new Error('no job-start recorded');
    const firstEnd = run.events.findIndex((event) => event.type === 'job-end' && event.jobId === firstJob.jobId);
    const state = reduceLiveViewEvents(createLiveView(), run.events.slice(0, cut + 1));
    const view = state.live.get(firstJob.jobId);
    expect(view).toMatchObject({ blueprintId: 'cancel-pending', attempt: firstJob.attempt, status: 'running', toolCalls: 1 });
    expect(view?.turn).toBeGreaterThan(0);
    expect(view?.lastEvent).toMatch(/^← find_user_id_by_email ok: [a-z_0-9]+$/);
    const call = view?.conversation?.find((entry) => entry.kind === 'tool-call');
    expect(call).toMatchObject({ kind: 'tool-call', name: 'find_user_id_by_email', result: { ok: true } });
    expect(call?.kind === 'tool-call' && call.arguments).toContain('@example.com');
    expect(view?.conversation?.[0]).toMatchObject({ kind: 'human' });
    expect(cut).toBeLessThan(firstEnd);
  });

  it('counts a whole run: every rollout finished with its verdict, totals, pace and ETA', () => {
    const state = reduceLiveViewEvents(createLiveView(), run.events);
    const kept = run.trajectories.filter((trajectory) => trajectory.verdict.kept).length;
    expect(state.live.size).toBe(0);
    expect(state.phase).toBe('done');
    expect(state.feed.map((row) => row.jobId).sort()).toEqual(run.trajectories.map((trajectory) => trajectory.id).sort());
    expect(state.recent.every((view) => view.status === 'finished' && view.verdict !== undefined)).toBe(true);
    const figures = headerFigures(state);
    expect(figures).toMatchObject({ total: 6, done: 6, kept, rejected: 6 - kept, errors: 0, running: 0, etaMs: 0 });
    expect(figures.perMinute).toBeGreaterThan(0);
    expect(figures.tokens).toBe(0); // offline policies spend no tokens
    expect(state.counted.reasons.accepted ?? 0).toBe(kept);
  });

  it('reads a trajectory log (no phases, no job-start) as a finished run lasting from its first start to its last end', () => {
    // What the follower makes of a demo's trajectories.jsonl: one job-end per line, stamped with the rollout's end.
    const ends: BatchEvent[] = run.trajectories.map((trajectory) => ({ type: 'job-end', jobId: trajectory.id, trajectory, at: trajectory.timings.endedAt }));
    const figures = headerFigures(reduceLiveViewEvents(createLiveView(), ends));
    const starts = run.trajectories.map((trajectory) => Date.parse(trajectory.timings.startedAt));
    const endings = run.trajectories.map((trajectory) => Date.parse(trajectory.timings.endedAt));
    expect(figures).toMatchObject({ phase: undefined, finished: true, done: 6, total: 6, running: 0, etaMs: 0 });
    expect(figures.elapsedMs).toBe(Math.max(...endings) - Math.min(...starts));
    expect(figures.elapsedMs).toBeGreaterThan(0);
    // While a rollout is still running, the same log is not finished.
    const running = reduceLiveViewEvents(createLiveView(), [...ends, { type: 'job-start', jobId: 'cancel-pending#9', blueprintId: 'cancel-pending', attempt: 9, at: at(1) }]);
    expect(headerFigures(running).finished).toBe(false);
  });

  it('estimates the time left from the pace so far', () => {
    const start: BatchEvent[] = [
      { type: 'phase', phase: 'rollouts', at: at(0) },
      { type: 'progress', progress: { total: 10, done: 0, kept: 0, rejected: 0, errors: 0, running: 0, tokens: 0, cost: 0, elapsedMs: 0 }, at: at(0) },
    ];
    const template = run.trajectories[0] as Trajectory;
    const ends: BatchEvent[] = [0, 1].map((attempt) => ({ type: 'job-end', jobId: `x#${attempt}`, trajectory: trajectoryFor(template, `x#${attempt}`, attempt), at: at(30 * (attempt + 1)) }));
    const state = reduceLiveViewEvents(createLiveView(), [...start, ...ends, { type: 'progress', progress: { total: 10, done: 2, kept: 1, rejected: 1, errors: 0, running: 0, tokens: 1500, cost: 0.25, elapsedMs: 60_000 }, at: at(60) }]);
    const figures = headerFigures(state);
    expect(figures).toMatchObject({ total: 10, done: 2, tokens: 1500, cost: 0.25, perMinute: 2, etaMs: 4 * 60_000 });
  });

  it('does not change the state it is given', () => {
    const before = reduceLiveViewEvents(createLiveView(), run.events.slice(0, 20));
    const liveBefore = [...before.live.entries()];
    const counts = JSON.stringify(before.counted);
    reduceLiveViewEvents(before, run.events.slice(20));
    expect([...before.live.entries()]).toEqual(liveBefore);
    expect(JSON.stringify(before.counted)).toBe(counts);
  });

  it('ignores a message it already has (same index), and keeps unknown jobs instead of failing', () => {
    const message: BatchEvent = { type: 'rollout', jobId: 'late#3', event: { type: 'message', index: 1, message: { role: 'user', content: 'hello' } }, at: at(1) };
    const state = reduceLiveView(reduceLiveView(createLiveView(), message), message);
    expect(state.live.get('late#3')).toMatchObject({ blueprintId: 'late', attempt: 3, conversation: [{ kind: 'human', text: 'hello' }] });
  });

  it('holds 256 concurrent rollouts, then keeps full conversations only for the latest finished and the selected one', () => {
    const limits = { keepFinished: 10, feed: 100 };
    const template = run.trajectories[0] as Trajectory;
    let state: LiveViewState = reduceLiveViewEvents(createLiveView(limits), concurrentEvents(256, 8));
    expect(state.live.size).toBe(256);
    expect(conversationsHeld(state)).toBe(256);
    const live = state.live.get('bp-3#3');
    expect(live?.conversation?.filter((entry) => entry.kind === 'tool-call')).toHaveLength(8);
    expect(live).toMatchObject({ toolCalls: 8, toolErrors: 4, turn: 8, speaking: 'agent' });

    // Select an early rollout and follow it: it must stay browsable after it falls out of the latest finished.
    state = navigateLiveView(state, { type: 'select', jobId: 'bp-0#0' });
    state = navigateLiveView(state, { type: 'open' });
    expect(state.selection).toMatchObject({ jobId: 'bp-0#0', mode: 'detail', detailTop: 'tail' });

    const ends: BatchEvent[] = [...state.live.keys()].map((jobId, index) => ({ type: 'job-end', jobId, trajectory: trajectoryFor(template, jobId, index), at: at(100) }));
    for (const end of ends) state = reduceLiveView(state, end);
    expect(state.live.size).toBe(0);
    expect(state.recent).toHaveLength(10);
    expect(state.feed).toHaveLength(100);
    expect(state.feed[0]?.sequence).toBe(156);
    expect(state.finished).toBe(256);
    expect(state.pinned?.jobId).toBe('bp-0#0');
    expect(conversationsHeld(state)).toBe(11);
    expect(selectedRollout(state)?.conversation).toBeDefined();
    expect(headerFigures(state)).toMatchObject({ done: 256, total: 256 });

    // Moving the selection away lets the pinned one go.
    state = navigateLiveView(state, { type: 'back' });
    state = navigateLiveView(state, { type: 'move', by: -1 });
    expect(state.pinned).toBeUndefined();
    expect(conversationsHeld(state)).toBe(10);
    expect(selectableRollouts(state)).toHaveLength(10);
  });
});

describe('navigateLiveView', () => {
  it('moves over live rollouts then the latest finished, opens one and scrolls its detail', () => {
    let state = reduceLiveViewEvents(createLiveView(), concurrentEvents(3, 1));
    state = navigateLiveView(state, { type: 'move', by: 1 });
    expect(state.selection.jobId).toBe('bp-0#0');
    state = navigateLiveView(state, { type: 'move', by: 5 });
    expect(state.selection.jobId).toBe('bp-2#2');
    state = navigateLiveView(state, { type: 'open' });
    expect(state.selection.mode).toBe('detail');
    state = navigateLiveView(state, { type: 'scroll', by: -3, lineCount: 40, viewport: 10 });
    expect(state.selection.detailTop).toBe(27);
    state = navigateLiveView(state, { type: 'scroll', by: 5, lineCount: 40, viewport: 10 });
    expect(state.selection.detailTop).toBe('tail');
    state = navigateLiveView(state, { type: 'back' });
    expect(state.selection).toMatchObject({ mode: 'list', jobId: 'bp-2#2' });
  });
});
