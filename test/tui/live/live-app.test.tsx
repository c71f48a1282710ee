import { cleanup, render } from 'ink-testing-library';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BatchEvent } from '../../../src/batch/batch-events.ts';
import type { Trajectory } from '../../../src/rollout/trajectory.ts';
import { LiveApp, type QuitReason } from '../../../src/tui/live/live-app.tsx';
import { LiveViewStore } from '../../../src/tui/live/live-view-store.ts';
import { at, concurrentEvents, manualScheduler, recordOfflineRun, trajectoryFor, visible, type RecordedRun } from './recorded-run.ts';

const DOWN = '\u001B[B';
const UP = '\u001B[A';
const ENTER = '\r';
const ESCAPE = '\u001B';

/** Lets ink handle written keys and React commit (input is parsed on setImmediate). */
const settle = async () => {
  for (let round = 0; round < 3; round++) await new Promise((resolve) => setImmediate(resolve));
};

let run: RecordedRun;
beforeAll(async () => {
  // The agent is not told the outputs: every trajectory misses them, and some also get the state wrong.
  run = await recordOfflineRun({ trials: 4, agentSkipsOutputs: true });
});
afterEach(() => cleanup());

function mount(options: { size?: { columns: number; rows: number }; limits?: { keepFinished?: number; feed?: number } } = {}) {
  const scheduler = manualScheduler();
  const store = new LiveViewStore({ scheduler: scheduler.schedule, ...(options.limits ? { limits: options.limits } : {}) });
  const quits: QuitReason[] = [];
  const app = render(<LiveApp store={store} title="retail-test (retail)" size={options.size ?? { columns: 80, rows: 24 }} onQuit={(reason) => quits.push(reason)} />);
  const feed = async (events: readonly BatchEvent[]) => {
    for (const event of events) store.push(event);
    scheduler.runAll();
    await settle();
  };
  const frame = () => visible(app.lastFrame());
  return { app, store, scheduler, quits, feed, frame };
}

/** The index just after the first tool result of the run: one rollout is mid-conversation. */
function midRun(events: readonly BatchEvent[]): number {
  return events.findIndex((event) => event.type === 'rollout' && event.event.type === 'tool-result') + 1;
}

/** The attempt whose tool result `midRun` stops after (the fallible agent's seeds decide which). */
function attemptWithFirstToolResult(events: readonly BatchEvent[]): number {
  const result = events[midRun(events) - 1];
  const attempt = result?.type === 'rollout' ? Number(result.jobId.split('#')[1]) : Number.NaN;
  if (!Number.isInteger(attempt)) throw new Error('the recorded run has no tool result');
  return attempt;
}

describe('LiveApp', () => {
  it('shows the header figures and the live rollouts with their turn, speaker and last event', async () => {
    const { feed, frame } = mount();
    await feed([...run.events.slice(0, midRun(run.events)), { type: 'progress', progress: { total: 4, done: 0, kept: 0, rejected: 0, errors: 0, running: 2, tokens: 12_345, cost: 1.5, elapsedMs: 90_000 }, at: at(90) }]);
    const lines = frame().split('\n');
    expect(lines[0]).toMatch(/^interplay retail-test \(retail\) · rolling out · 1m30s$/);
    expect(lines[1]).toBe('0/4 done · kept 0 · rejected 0 · errors 0 · running 2');
    expect(lines[2]).toBe('–/min · ETA – · 12.3k tokens · $1.50');
    const calling = attemptWithFirstToolResult(run.events);
    expect(frame()).toMatch(new RegExp(`^ {2}cancel-pending#${calling} +t\\d+ tools +← find_user_id_by_email ok: [a-z_0-9]+…?$`, 'm'));
    expect(frame()).toMatch(new RegExp(`^ {2}cancel-pending#${1 - calling} +t\\d+ (human|agent|tools) `, 'm'));
    expect(frame()).toContain('↑↓ select · enter/→ open · q quit');
  });

  it('selects with the arrows and opens the detail: tool calls with their arguments and results', async () => {
    const { app, feed, frame } = mount({ size: { columns: 100, rows: 40 } });
    await feed(run.events.slice(0, midRun(run.events)));
    app.stdin.write(DOWN);
    await settle();
    expect(frame()).toMatch(/^▸ cancel-pending#0 /m);
    app.stdin.write(DOWN);
    await settle();
    expect(frame()).toMatch(/^▸ cancel-pending#1 /m);
    app.stdin.write(UP);
    await settle();
    const calling = attemptWithFirstToolResult(run.events);
    if (calling === 1) {
      app.stdin.write(DOWN);
      await settle();
    }
    app.stdin.write(ENTER);
    await settle();
    const detail = frame();
    expect(detail).toMatch(new RegExp(`^▸ cancel-pending#${calling} · running · turn \\d+`, 'm'));
    expect(detail).toMatch(/^human: .*cancel order #W\d+/m);
    expect(detail).toMatch(/^ {2}→ find_user_id_by_email\(\{"email":"[a-z_0-9.]+@example\.com"\}\)$/m);
    expect(detail).toMatch(/^ {2}← ok: [a-z_0-9]+$/m);
    expect(detail).toMatch(/^↑↓ scroll · pgup\/pgdn · esc\/← back · q quit( · lines \d+-\d+ of \d+, following)?$/m);

    app.stdin.write(ESCAPE);
    await settle();
    expect(frame()).toMatch(new RegExp(`^▸ cancel-pending#${calling} +t\\d+`, 'm'));
  });

  it('prints finished rollouts above once, and shows a finished one\'s verdict: state diff and missing outputs', async () => {
    const { app, feed, frame } = mount({ size: { columns: 100, rows: 60 } });
    await feed(run.events.slice(0, Math.floor(run.events.length / 2)));
    await feed(run.events.slice(Math.floor(run.events.length / 2)));
    const all = frame();
    for (const trajectory of run.trajectories) {
      const line = new RegExp(`^✗ ${trajectory.id.replace('#', '#')}  ${trajectory.verdict.reason} · ended user-stop`, 'gm');
      expect(all.match(line), trajectory.id).toHaveLength(1);
    }
    expect(all).toMatch(/^interplay retail-test \(retail\) · finished/m);
    expect(all).toContain('4/4 done · kept 0 · rejected 4');

    const wrongState = run.trajectories.find((trajectory) => !trajectory.verdict.state.match);
    if (!wrongState) throw new Error('the recorded run has no rollout with a wrong state');
    // Finished rollouts are listed newest first; walk down to the one with the wrong state.
    const order = [...run.events].filter((event) => event.type === 'job-end').map((event) => (event.type === 'job-end' ? event.jobId : '')).reverse();
    for (let step = 0; step <= order.indexOf(wrongState.id); step++) app.stdin.write(DOWN);
    await settle();
    app.stdin.write(ENTER);
    await settle();
    const detail = frame();
    expect(detail).toMatch(new RegExp(`^▸ ${wrongState.id} · REJECTED \\(state-mismatch\\)`, 'm'));
    expect(detail).toContain('verdict: REJECTED — state-mismatch · ended user-stop');
    expect(detail).toMatch(/^state: differs from the gold run \(gold [0-9a-f]{12} → agent [0-9a-f]{12}\)$/m);
    expect(detail).toContain('diff, gold → agent:');
    expect(detail).toMatch(/^ {4}orders\/#W\d+$/m);
    expect(detail).toMatch(/^ {6}~ status: "cancelled" -> "pending"$/m);
    expect(detail).toContain(`missing: ${wrongState.verdict.outputs.missing.join(', ')}`);
    expect(detail).toContain('outputs: found 0/1');
  });

  it('fits an 80x24 terminal with 256 rollouts running: no line wider than 80, only the rows that fit, "+N more"', async () => {
    const { app, feed, frame } = mount({ size: { columns: 80, rows: 24 } });
    await feed(concurrentEvents(256, 3));
    const lines = frame().split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    for (const line of lines) expect(Array.from(line).length, line).toBeLessThanOrEqual(80);
    expect(frame()).toContain('+238 more (0 above, 238 below)');
    expect(lines.filter((line) => /^ {2}bp-\d#\d+ /.test(line))).toHaveLength(18);

    // The selection scrolls the list; the detail pane also keeps to 80x23.
    for (let step = 0; step < 30; step++) app.stdin.write(DOWN);
    await settle();
    expect(frame()).toMatch(/^▸ bp-1#29 /m);
    expect(frame()).toMatch(/\+238 more \(12 above, 226 below\)/);
    app.stdin.write(ENTER);
    await settle();
    const detail = frame().split('\n');
    expect(detail.length).toBeLessThanOrEqual(23);
    for (const line of detail) expect(Array.from(line).length, line).toBeLessThanOrEqual(80);
    expect(frame()).toMatch(/^ {2}← error: Error: order not found$/m);
  });

  it('redraws at most once per interval however many events arrive', async () => {
    const { app, store, scheduler, frame } = mount();
    const events = concurrentEvents(256, 10);
    expect(events.length).toBeGreaterThan(15_000);
    const framesBefore = app.frames.length;
    for (const event of events) store.push(event);
    await settle();
    expect(app.frames.length).toBe(framesBefore);
    expect(scheduler.pending).toBe(1);
    scheduler.runAll();
    await settle();
    expect(app.frames.length).toBe(framesBefore + 1);
    expect(store.snapshots).toBe(1);
    expect(frame()).toContain('running 256');
  });

  it('prints rows that fell out of a small window as a count, never twice', async () => {
    const { feed, frame } = mount({ size: { columns: 100, rows: 30 }, limits: { feed: 5 } });
    const template = run.trajectories[0] as Trajectory;
    const ends = (from: number, to: number): BatchEvent[] =>
      Array.from({ length: to - from }, (_, index) => ({ type: 'job-end', jobId: `many#${from + index}`, trajectory: trajectoryFor(template, `many#${from + index}`, from + index), at: at(from + index) }));
    await feed(ends(0, 3));
    await feed(ends(3, 20));
    await feed(ends(20, 22));
    const printed = frame()
      .split('\n')
      .filter((line) => /^[✓✗!] many#\d+ /.test(line) || line.startsWith('…'));
    expect(printed).toEqual([
      ...[0, 1, 2].map((attempt) => expect.stringMatching(new RegExp(`^✗ many#${attempt} `))),
      '… 12 finished rollout(s) not shown (they finished faster than the screen could print)',
      ...[15, 16, 17, 18, 19, 20, 21].map((attempt) => expect.stringMatching(new RegExp(`^✗ many#${attempt} `))),
    ]);
  });

  it('scrolls a long conversation in the detail pane, and follows a running one at its newest lines', async () => {
    const { app, feed, frame } = mount({ size: { columns: 80, rows: 24 } });
    await feed(run.events);
    app.stdin.write(DOWN);
    await settle();
    app.stdin.write(ENTER);
    await settle();
    expect(frame()).toMatch(/ · lines 1-18 of \d+$/m);
    const paneTop = () => {
      const lines = frame().split('\n');
      return lines[lines.findIndex((line) => line.startsWith('▸ ')) + 1];
    };
    const firstShown = paneTop();
    expect(firstShown).toMatch(/^human: /);
    app.stdin.write(DOWN);
    app.stdin.write(DOWN);
    await settle();
    expect(frame()).toMatch(/ · lines 3-20 of \d+$/m);
    expect(paneTop()).not.toBe(firstShown);
    app.stdin.write('\u001B[6~'); // page down, to the end
    for (let step = 0; step < 10; step++) app.stdin.write('\u001B[6~');
    await settle();
    expect(frame()).toMatch(/ · lines \d+-(\d+) of \1, following$/m);
    expect(frame()).toMatch(/^gold writes matched \d\/1 \(the agent made \d\)$/m);
  });

  it('quits on q and on ctrl+c, saying which', async () => {
    const first = mount();
    first.app.stdin.write('q');
    await settle();
    expect(first.quits).toEqual(['quit']);
    const second = mount();
    second.app.stdin.write('\u0003');
    await settle();
    expect(second.quits).toEqual(['interrupt']);
  });
});
