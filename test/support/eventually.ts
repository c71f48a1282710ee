/**
 * Runs `check` until it stops throwing, letting the event loop (timers and file I/O included) come round
 * between tries, and returns what it returned. It has no time limit of its own: on a busy machine a
 * watcher's poll may come late, and only the runner's global testTimeout bounds the wait (vi.waitFor
 * gives up after 1 s, which a loaded machine can exceed).
 */
export async function eventually<T>(check: () => T): Promise<T> {
  for (;;) {
    try {
      return check();
    } catch {
      // A timer turn, not an immediate: a poll scheduled with setTimeout must get its chance to run.
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
}
