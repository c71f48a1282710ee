import { cleanup, render } from 'ink-testing-library';
import stringWidth from 'string-width';
import { afterEach, describe, expect, it } from 'vitest';
import type { BatchEvent } from '../../../src/batch/batch-events.ts';
import { LiveApp } from '../../../src/tui/live/live-app.tsx';
import { LiveViewStore } from '../../../src/tui/live/live-view-store.ts';
import { rolloutName } from '../../../src/tui/live/text-layout.ts';
import { retail } from '../../../domains/retail/index.ts';
import { trajectoryDiagnoser } from '../../../src/rollout/diagnostics/index.ts';
import { cancelBlueprint, retailBase } from '../../support/default-retail.ts';
import { at, manualScheduler, recordOfflineRun, visible } from './recorded-run.ts';

const DOWN = '\u001B[B';
const ENTER = '\r';
const ESCAPE = '\u001B';
const settle = async () => {
  for (let round = 0; round < 3; round++) await new Promise((resolve) => setImmediate(resolve));
};
afterEach(() => cleanup());

const LONG_ID = 'retail-exchange-two-items-and-refund-to-gift-card-balance';

/** A running rollout whose conversation holds what breaks naive layouts: tabs, emoji, CJK, very long lines. */
function awkwardConversation(jobId: string, attempt: number): BatchEvent[] {
  const blueprintId = jobId.slice(0, jobId.lastIndexOf('#'));
  const events: BatchEvent[] = [{ type: 'job-start', jobId, blueprintId, attempt, at: at(0) }];
  for (let turn = 1; turn <= 8; turn++) {
    const callId = `call-${turn}`;
    events.push(
      { type: 'rollout', jobId, event: { type: 'turn-start', role: 'human', turn }, at: at(turn) },
      { type: 'rollout', jobId, event: { type: 'message', index: turn * 3, message: { role: 'user', content: `第${turn}步：请把订单改成蓝色的 🙂🙂🙂\tand\tthen\ttabs ${'wide-話'.repeat(12)}` } }, at: at(turn) },
      { type: 'rollout', jobId, event: { type: 'message', index: turn * 3 + 1, message: { role: 'assistant', content: null, tool_calls: [{ id: callId, type: 'function', function: { name: 'get_order_details', arguments: `{"order_id": "#W${turn}", "note": "${'🚀'.repeat(50)}"}` } }] } }, at: at(turn) },
      { type: 'rollout', jobId, event: { type: 'message', index: turn * 3 + 2, message: { role: 'tool', tool_call_id: callId, content: `{\t"order_id": "#W${turn}",\t"items": "${'x'.repeat(200)}"}` } }, at: at(turn) },
    );
  }
  return events;
}

function mount(columns = 80, rows = 24) {
  const scheduler = manualScheduler();
  const store = new LiveViewStore({ scheduler: scheduler.schedule });
  const app = render(<LiveApp store={store} title="retail-test (retail)" size={{ columns, rows }} />);
  const feed = async (events: readonly BatchEvent[]) => {
    for (const event of events) store.push(event);
    scheduler.runAll();
    await settle();
  };
  const lines = () => visible(app.lastFrame()).split('\n');
  return { app, feed, lines };
}

/** Every line fits the screen in terminal columns (a CJK character or an emoji takes two), and the frame is one line short of it. */
function expectFits(lines: readonly string[], columns: number, rows: number) {
  expect(lines.length).toBe(rows - 1);
  for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(columns);
}

describe('the live view at 80x24', () => {
  it('keeps the conversation view to 23 lines of at most 80 columns, title first, one footer, whatever the text', async () => {
    const { app, feed, lines } = mount();
    await feed([...awkwardConversation(`${LONG_ID}#1`, 1), ...awkwardConversation(`${LONG_ID}#2`, 2)]);
    expectFits(lines(), 80, 24);
    app.stdin.write(ENTER);
    await settle();
    const detail = lines();
    expectFits(detail, 80, 24);
    expect(detail[0]).toMatch(/^interplay retail-test \(retail\)/);
    expect(detail[3]).toMatch(/^▸ retail-exchange.*#1 · running/);
    expect(detail.filter((line) => /esc\/← back · q quit/.test(line))).toHaveLength(1);
    expect(detail.join('\n')).not.toContain('\t');
    // Scrolling to the top and down again keeps the same frame height.
    for (const key of ['\u001B[H', DOWN, DOWN, '\u001B[6~']) {
      app.stdin.write(key);
      await settle();
      expectFits(lines(), 80, 24);
    }
  });

  it('leaves nothing of the conversation on screen after Esc', async () => {
    const { app, feed, lines } = mount();
    await feed(awkwardConversation(`${LONG_ID}#1`, 1));
    app.stdin.write(ENTER);
    await settle();
    expect(lines().join('\n')).toContain('get_order_details');
    app.stdin.write(ESCAPE);
    await settle();
    const list = lines();
    expectFits(list, 80, 24);
    expect(list.join('\n')).not.toContain('get_order_details');
    expect(list.filter((line) => /↑↓ select · enter\/→ open · q quit/.test(line))).toHaveLength(1);
    // The frame right after Esc is as tall as the one before: ink redraws it in place, with no stale line below.
    expect(app.frames.slice(-2).map((frame) => visible(frame).split('\n').length)).toEqual([23, 23]);
  });

  it('cuts long names in their middle, never their #trial, so rows of one blueprint stay apart', async () => {
    const { feed, lines } = mount();
    await feed([...awkwardConversation(`${LONG_ID}#1`, 1), ...awkwardConversation(`${LONG_ID}#2`, 2)]);
    const rows = lines().filter((line) => line.includes('…'));
    const names = rows.map((line) => line.slice(2).split(' ')[0]);
    expect(names).toHaveLength(2);
    expect(names[0]).toMatch(/^retail-exchan.*….*balance#1$/);
    expect(names[1]).toMatch(/^retail-exchan.*….*balance#2$/);
    expect(names[0]).not.toBe(names[1]);
  });
});

describe('rolloutName', () => {
  it('fits the width in terminal columns and always ends with the trial', () => {
    expect(rolloutName('short', 3, 20)).toBe('short#3');
    for (const width of [8, 12, 20, 28]) {
      const name = rolloutName(LONG_ID, 12, width);
      expect(stringWidth(name)).toBeLessThanOrEqual(width);
      expect(name.endsWith('#12')).toBe(true);
    }
    expect(rolloutName('订单订单订单订单订单订单', 1, 10)).toMatch(/^订单.*….*#1$/);
    expect(stringWidth(rolloutName('订单订单订单订单订单订单', 1, 10))).toBeLessThanOrEqual(10);
  });
});

describe('the detail pane of a rejected rollout', () => {
  it('shows whose failure it is and where the agent left the gold path, within 80x24', async () => {
    const recorded = await recordOfflineRun({ trials: 4, agentSkipsOutputs: false });
    const rejected = recorded.trajectories.find((trajectory) => !trajectory.verdict.kept);
    expect(rejected, 'the fallible agent made no mistake in 4 trials').toBeDefined();
    const scheduler = manualScheduler();
    const store = new LiveViewStore({ scheduler: scheduler.schedule });
    const diagnose = trajectoryDiagnoser(retail as never, retailBase() as never, [cancelBlueprint()]);
    const app = render(<LiveApp store={store} title="diagnosed" size={{ columns: 80, rows: 24 }} diagnose={diagnose} />);
    for (const event of recorded.events) store.push(event);
    scheduler.runAll();
    await settle();
    store.navigate({ type: 'select', jobId: rejected?.id as string });
    store.navigate({ type: 'open' });
    await settle();
    app.stdin.write('\u001B[F');
    await settle();
    const lines = visible(app.lastFrame()).split('\n');
    const pane = lines.slice(-23);
    expectFits(pane, 80, 24);
    expect(pane.join('\n')).toMatch(/whose failure: agent \((missing-write|wrong-write|agent-policy-violation)\)/);
    expect(pane.join('\n')).toMatch(/first divergence: /);
  });
});
