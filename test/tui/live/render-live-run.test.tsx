import { describe, expect, it } from 'vitest';
import type { BatchEventListener } from '../../../src/batch/batch-events.ts';
import { renderLiveRun } from '../../../src/tui/live/render-live-run.tsx';
import { fakeTerminal } from './fake-terminal.ts';
import { concurrentEvents, manualScheduler, visible } from './recorded-run.ts';

/** A run's event stream as the engine offers it: listeners come and go. */
function eventSource() {
  const listeners = new Set<BatchEventListener>();
  return {
    listeners,
    subscribe: (listener: BatchEventListener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

describe('renderLiveRun', () => {
  it('draws what the run emits, one redraw per interval, and leaves when closed', async () => {
    const source = eventSource();
    const scheduler = manualScheduler();
    const terminal = fakeTerminal(80, 24);
    const live = renderLiveRun({ subscribe: source.subscribe, ...terminal.streams, title: 'generate retail', scheduler: scheduler.schedule });
    expect(source.listeners.size).toBe(1);
    for (const event of concurrentEvents(40, 2)) for (const listener of source.listeners) listener(event);
    expect(live.store.snapshots).toBe(0);
    scheduler.runAll();
    expect(live.store.snapshots).toBe(1);
    expect(live.store.getSnapshot().live.size).toBe(40);
    await live.close();
    await expect(live.ended).resolves.toBe('closed');
    expect(source.listeners.size).toBe(0);
    const screen = visible(terminal.stdout.output);
    expect(screen).toContain('interplay generate retail · rolling out');
    expect(screen).toContain('0/40 done');
  });

  it('says when the person pressed ctrl+c, so the caller can stop the run', async () => {
    const source = eventSource();
    const terminal = fakeTerminal();
    const live = renderLiveRun({ subscribe: source.subscribe, ...terminal.streams, scheduler: manualScheduler().schedule });
    await new Promise((resolve) => setImmediate(resolve));
    terminal.stdin.press('\u0003');
    await expect(live.ended).resolves.toBe('interrupt');
    expect(source.listeners.size).toBe(0);
  });
});
