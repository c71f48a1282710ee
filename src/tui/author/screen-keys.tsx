import { useInput, type Key } from 'ink';
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';

/** What a screen does with a key (ink's `useInput` handler). */
export type ScreenKeyHandler = (input: string, key: Key) => void;

interface ScreenKeyRouter {
  /** Hands the keys to this screen's handler until the returned function is called. */
  register(handler: RefObject<ScreenKeyHandler>): () => void;
}

const ScreenKeyContext = createContext<ScreenKeyRouter | undefined>(undefined);

/**
 * The author app's one key subscription. ink subscribes a `useInput` handler in a passive effect, after the frame
 * is drawn: a key typed in the same write as the key that opens a screen (Enter on a tool, then the filter for the
 * next one) would reach the screen that is gone, or nobody. So, as in the live view (src/tui/live/live-app.tsx), one
 * stable handler is subscribed for the app's whole life and forwards every key to the screens registered now;
 * screens register in a layout effect, as their frame is committed.
 *
 * ink hands over all the keys of one read before React renders (it renders in a microtask), so the keys of a burst
 * wait in a queue: one is delivered, and the next only once the update it caused is committed (this root's passive
 * effect, after the layout effects where a new screen registered), so it reaches the screen that key opened.
 */
export function ScreenKeyRoot({ children }: { children: ReactNode }) {
  const handlers = useRef(new Set<RefObject<ScreenKeyHandler>>());
  const queue = useRef<[string, Key][]>([]);
  // A key was delivered and its update is not committed yet: the next key waits.
  const waiting = useRef(false);
  const [delivered, setDelivered] = useState(0);
  const deliverNext = useCallback(() => {
    const next = queue.current.shift();
    if (!next) return;
    waiting.current = true;
    // A copy: a handler may make a screen go (its cleanup unregisters it) while the key is being handed round.
    for (const handler of [...handlers.current]) handler.current(...next);
    setDelivered((count) => count + 1);
  }, []);
  useEffect(() => {
    waiting.current = false;
    deliverNext();
  }, [delivered, deliverNext]);
  const onKey = useCallback(
    (input: string, key: Key) => {
      queue.current.push([input, key]);
      if (!waiting.current) deliverNext();
    },
    [deliverNext],
  );
  useInput(onKey);
  const router = useMemo<ScreenKeyRouter>(
    () => ({
      register(handler) {
        handlers.current.add(handler);
        return () => void handlers.current.delete(handler);
      },
    }),
    [],
  );
  return <ScreenKeyContext.Provider value={router}>{children}</ScreenKeyContext.Provider>;
}

/**
 * A screen's keys, in place of ink's `useInput`: under a `ScreenKeyRoot` the handler is registered with it as the
 * screen is committed (and the latest render's handler is the one called); rendered alone (a component test), the
 * screen takes keys through its own stable `useInput` subscription.
 */
export function useScreenKeys(handler: ScreenKeyHandler, options: { isActive?: boolean } = {}): void {
  const isActive = options.isActive ?? true;
  const router = useContext(ScreenKeyContext);
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  useLayoutEffect(() => (isActive && router ? router.register(latest) : undefined), [isActive, router]);
  const onKey = useCallback((input: string, key: Key) => latest.current(input, key), []);
  useInput(onKey, { isActive: isActive && router === undefined });
}
