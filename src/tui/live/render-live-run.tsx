import { render } from 'ink';
import type { RunEventListener } from '../../batch/batch-events.ts';
import type { TrajectoryDiagnoser } from '../../rollout/diagnostics/index.ts';
import type { Trajectory } from '../../rollout/trajectory.ts';
import { LiveApp, type QuitReason } from './live-app.tsx';
import type { LiveViewLimits } from './live-view-model.ts';
import { LiveViewStore, type Scheduler } from './live-view-store.ts';

export interface RenderLiveRunOptions {
  /** Starts delivering the run's events to the listener; returns a function that stops it. */
  subscribe: (listener: RunEventListener) => () => void;
  /** Defaults to the process's streams. */
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  /** Shown in the header, e.g. the run folder's name. */
  title?: string;
  limits?: Partial<LiveViewLimits>;
  /** Controls redraw timing (tests); defaults to timers. */
  scheduler?: Scheduler;
  /** Minimum time between redraws caused by events. */
  intervalMs?: number;
  /** The line q leaves on screen while the run goes on (see LiveApp). */
  leaveNote?: string;
  /** Diagnoses rejected rollouts in the detail pane. */
  diagnose?: TrajectoryDiagnoser;
  /** Reads a finished rollout's trajectory by id when the events only reference it (see LiveApp). */
  storedTrajectory?: (trajectoryId: string) => Trajectory | undefined;
}

export interface LiveRun {
  /** Settles when the live view is gone: 'quit' (q), 'interrupt' (ctrl+c) or 'closed' (`close()`). */
  readonly ended: Promise<QuitReason | 'closed'>;
  readonly store: LiveViewStore;
  /** Draws the last events, then takes the view down; the printed rollouts stay on the terminal. */
  close(): Promise<void>;
  /**
   * The run is over: with someone reading a conversation (and a keyboard), the view stays and offers to keep
   * browsing until they press q; otherwise it closes as `close()` does.
   */
  finish(): Promise<void>;
}

/**
 * Shows a batch live on a terminal until the person quits or the caller closes it. Events may come
 * thousands a second: they are folded into one snapshot per interval, and ink redraws the frame in place. Quitting only stops listening; the run itself is the caller's to stop (or not).
 */
export function renderLiveRun(options: RenderLiveRunOptions): LiveRun {
  const store = new LiveViewStore({ limits: options.limits, scheduler: options.scheduler, intervalMs: options.intervalMs });
  let reason: QuitReason | 'closed' = 'closed';
  const instance = render(<LiveApp store={store} title={options.title ?? 'live run'} onQuit={(quit) => (reason = quit)} {...(options.leaveNote ? { leaveNote: options.leaveNote } : {})} {...(options.diagnose ? { diagnose: options.diagnose } : {})} {...(options.storedTrajectory ? { storedTrajectory: options.storedTrajectory } : {})} />, {
    ...(options.stdout ? { stdout: options.stdout } : {}),
    ...(options.stdin ? { stdin: options.stdin } : {}),
    exitOnCtrlC: false,
    patchConsole: false,
    // Not ink 6.8's incremental rendering: after a frame that ends in a newline (every frame shorter than the
    // screen) it moves the cursor up one line too few, so each redraw lands one row low; the first changed
    // bottom line then scrolls the screen, the title goes into the history and the old top row stays stale.
    // The standard renderer erases the whole previous frame and redraws it inside a synchronized update
    // (no flicker on terminals that support it), so what the terminal shows is exactly the frame.
    incrementalRendering: false,
    maxFps: 20,
  });
  const unsubscribe = options.subscribe(store.push);
  const ended = instance.waitUntilExit().then(
    () => {
      unsubscribe();
      store.dispose();
      return reason;
    },
    (error: unknown) => {
      unsubscribe();
      store.dispose();
      throw error;
    },
  );
  let gone = false;
  void ended.then(
    () => (gone = true),
    () => (gone = true),
  );
  const close = async () => {
    store.flush();
    // React commits the last snapshot in a microtask: let it draw before taking the view down.
    await new Promise((resolve) => setImmediate(resolve));
    instance.unmount();
    await ended;
  };
  const interactive = Boolean((options.stdin ?? process.stdin).isTTY);
  return {
    ended,
    store,
    close,
    async finish() {
      store.flush();
      if (gone || !interactive || store.getSnapshot().selection.mode !== 'detail') return close();
      store.markRunOver();
      await ended;
    },
  };
}
