import { describe, expect, it } from 'vitest';
import type { BatchEventListener } from '../../../src/batch/batch-events.ts';
import { renderLiveRun } from '../../../src/tui/live/render-live-run.tsx';
import { fakeTerminal } from './fake-terminal.ts';
import { concurrentEvents, manualScheduler, visible } from './recorded-run.ts';

const ENTER = '\r';
const NOTE = 'left the live view; the run goes on (ctrl+c stops it). Watch it again: npx interplay watch traces/r1';
const turns = async (count = 5) => {
  for (let turn = 0; turn < count; turn++) await new Promise((resolve) => setImmediate(resolve));
};

function start() {
  const listeners = new Set<BatchEventListener>();
  const scheduler = manualScheduler();
  const terminal = fakeTerminal(80, 24);
  const live = renderLiveRun({
    subscribe: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    ...terminal.streams,
    title: 'r1',
    scheduler: scheduler.schedule,
    leaveNote: NOTE,
  });
  const emit = async (count: number) => {
    for (const event of concurrentEvents(count, 2)) for (const listener of listeners) listener(event);
    scheduler.runAll();
    await turns();
  };
  return { live, terminal, emit, listeners };
}

/** The lines of the last frame ink drew (after its last erase). */
const lastLines = (output: string) => visible(output.slice(output.lastIndexOf('\u001B[2K'))).split('\n').filter((line) => line.trim() !== '');

describe('leaving the live view of a running batch', () => {
  it('q leaves the view with one line that says the run goes on and how to watch it again', async () => {
    const { live, terminal, emit, listeners } = start();
    await emit(3);
    terminal.stdin.press('q');
    await expect(live.ended).resolves.toBe('quit');
    const screen = visible(terminal.stdout.output);
    expect(screen.replace(/\s+/g, ' ').trimEnd().endsWith(NOTE)).toBe(true);
    expect(listeners.size).toBe(0);
    // Finishing the run afterwards has nothing left to wait for.
    await live.finish();
  });

  it('at the end of the run, keeps the view open for someone reading a conversation until q', async () => {
    const { live, terminal, emit } = start();
    await emit(3);
    terminal.stdin.press(ENTER);
    await turns();
    let finished = false;
    const finishing = live.finish().then(() => (finished = true));
    await turns(20);
    expect(finished).toBe(false);
    expect(visible(terminal.stdout.output)).toContain('run finished: keep browsing · ↑↓ scroll · pgup/pgdn · esc/← back · q leave');
    terminal.stdin.press('q');
    await finishing;
    await expect(live.ended).resolves.toBe('quit');
    // Leaving a finished run prints no "the run goes on" note.
    expect(lastLines(terminal.stdout.output).join('\n')).not.toContain('the run goes on');
  });

  it('at the end of the run, closes at once when nobody is reading a conversation', async () => {
    const { live, emit } = start();
    await emit(3);
    await live.finish();
    await expect(live.ended).resolves.toBe('closed');
  });
});
