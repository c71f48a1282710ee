import { Box, Text, useApp, useInput, useStdin, type Key } from 'ink';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { TrajectoryDiagnoser } from '../../rollout/diagnostics/index.ts';
import type { Trajectory } from '../../rollout/trajectory.ts';
import { detailLines } from './detail-lines.ts';
import { FinishedFeed } from './finished-feed.tsx';
import { headerFigures } from './header-figures.ts';
import { KeyHelp } from './key-help.tsx';
import { HEADER_LINES, LiveHeader } from './live-header.tsx';
import { selectableRollouts, selectedRollout, type LiveNavigation } from './live-navigation.ts';
import type { LiveViewStore } from './live-view-store.ts';
import { RolloutDetail, scrollPosition } from './rollout-detail.tsx';
import { RolloutList } from './rollout-list.tsx';
import { withStoredTrajectory } from './rollout-view.ts';
import { useTerminalSize, type TerminalSize } from './use-terminal-size.ts';

/** How the person left the live view. */
export type QuitReason = 'quit' | 'interrupt';

export interface LiveAppProps {
  store: LiveViewStore;
  title: string;
  /** Overrides the terminal's size (tests). */
  size?: TerminalSize;
  onQuit?: (reason: QuitReason) => void;
  /**
   * The one line left on screen when q leaves the view while the run goes on (generate: how to stop it and to
   * watch it again). Without it, q takes the view down with its last frame.
   */
  leaveNote?: string;
  /** Diagnoses a rejected rollout for its detail pane (needs the run's blueprints and data). */
  diagnose?: TrajectoryDiagnoser;
  /** Reads a finished rollout's trajectory by id, when the events only reference it (watch: the run's trajectories.jsonl). */
  storedTrajectory?: (trajectoryId: string) => Trajectory | undefined;
}

const FOOTER_LINES = 1;

/** The navigation a key asks for, given what is on screen; undefined when the key means nothing here. */
function navigationFor(key: Key, mode: 'list' | 'detail', page: number, lineCount: number): LiveNavigation | undefined {
  if (mode === 'detail') {
    if (key.escape || key.leftArrow) return { type: 'back' };
    const by = key.upArrow ? -1 : key.downArrow ? 1 : key.pageUp ? -page : key.pageDown ? page : key.home ? -lineCount : key.end ? lineCount : 0;
    return by === 0 ? undefined : { type: 'scroll', by, lineCount, viewport: page };
  }
  if (key.return || key.rightArrow) return { type: 'open' };
  const by = key.upArrow ? -1 : key.downArrow ? 1 : key.pageUp ? -page : key.pageDown ? page : 0;
  return by === 0 ? undefined : { type: 'move', by };
}

/**
 * The live view of a batch: finished rollouts printed above (once), then a header with the totals, the
 * list of rollouts or the selected one's detail, and the keys. It only draws the store's snapshot; the
 * whole dynamic area stays one line short of the terminal's height so ink never clears the screen.
 */
export function LiveApp({ store, title, size, onQuit, leaveNote, diagnose, storedTrajectory }: LiveAppProps) {
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const terminal = useTerminalSize();
  const { columns, rows } = size ?? terminal;
  const width = Math.max(20, columns);
  const height = Math.max(HEADER_LINES + FOOTER_LINES + 3, rows - 1);
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const [leaving, setLeaving] = useState(false);
  // The note is drawn first, then ink exits and leaves it on screen.
  useEffect(() => {
    if (leaving) exit();
  }, [leaving, exit]);

  const figures = useMemo(() => headerFigures(state), [state]);
  const selectable = useMemo(() => selectableRollouts(state), [state]);
  const selected = selectedRollout(state);
  const mode = state.selection.mode === 'detail' && selected ? 'detail' : 'list';
  const lines = useMemo(() => (mode === 'detail' && selected ? detailLines(withStoredTrajectory(selected, storedTrajectory), width, diagnose) : []), [mode, selected, width, diagnose, storedTrajectory]);
  const paneHeight = height - HEADER_LINES - FOOTER_LINES - (mode === 'detail' ? 1 : 0);

  // ink re-subscribes a changed handler only in a passive effect, after the frame is drawn: a key typed in between
  // (Esc right after Enter shows the detail) would reach the previous render's handler and its stale mode. One
  // stable handler calls the latest render's, which a layout effect hands over as the frame is committed.
  const handleKey = useRef<(input: string, key: Key) => void>(() => undefined);
  const onKey = useCallback((input: string, key: Key) => handleKey.current(input, key), []);
  useInput(onKey, { isActive: isRawModeSupported === true });
  useLayoutEffect(() => {
    handleKey.current = (input, key) => {
      if (leaving) return;
      if (input === 'q' || (key.ctrl && input === 'c')) {
        onQuit?.(input === 'q' ? 'quit' : 'interrupt');
        if (input === 'q' && leaveNote && !state.runOver) setLeaving(true);
        else exit();
        return;
      }
      const navigation = navigationFor(key, mode, Math.max(1, paneHeight - 1), lines.length);
      if (navigation) store.navigate(navigation);
    };
  });

  if (leaving) {
    return (
      <>
        <FinishedFeed rows={state.feed} width={width} />
        <Text>{leaveNote}</Text>
      </>
    );
  }
  return (
    <>
      <FinishedFeed rows={state.feed} width={width} />
      {/* Always exactly `height` lines (rows - 1): a frame that never grows past the screen nor shrinks leaves
          no line behind to scroll the title away or stay stale after a view change. */}
      <Box flexDirection="column" width={width} height={height} overflow="hidden">
        <LiveHeader figures={figures} title={title} width={width} />
        <Box flexDirection="column" flexGrow={1} flexShrink={1} overflow="hidden">
          {mode === 'detail' && selected ? (
            <RolloutDetail view={selected} lines={lines} top={state.selection.detailTop} width={width} height={paneHeight} />
          ) : (
            <RolloutList rows={selectable} selectedId={state.selection.jobId} width={width} height={paneHeight} finished={state.finished} held={state.recent.length} />
          )}
        </Box>
        <KeyHelp mode={mode} width={width} interactive={isRawModeSupported === true} position={mode === 'detail' ? scrollPosition(state.selection.detailTop, lines.length, paneHeight) : ''} runOver={state.runOver} />
      </Box>
    </>
  );
}
