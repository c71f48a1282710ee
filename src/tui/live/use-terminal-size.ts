import { useStdout } from 'ink';
import { useEffect, useRef, useState } from 'react';

export interface TerminalSize {
  columns: number;
  rows: number;
}

export const FALLBACK_TERMINAL_SIZE: TerminalSize = { columns: 80, rows: 24 };

/** Clears the visible screen and puts the cursor top left (the history above is left alone). */
const CLEAR_SCREEN = '\u001B[2J\u001B[H';

/** How long after a resize the frame is redrawn from a clear screen: past ink's redraw throttle (20 fps). */
const SETTLE_MS = 120;

const sizeOf = (stdout: NodeJS.WriteStream): TerminalSize => ({
  columns: stdout.columns > 0 ? stdout.columns : FALLBACK_TERMINAL_SIZE.columns,
  rows: stdout.rows > 0 ? stdout.rows : FALLBACK_TERMINAL_SIZE.rows,
});

/**
 * The terminal's columns and rows, updated when it is resized (80x24 when the stream does not say).
 *
 * A resize also redraws the frame from a clear screen once it is laid out for the new size. Without that, the
 * screen keeps what ink drew in between: the terminal reflows the old frame's lines when it narrows (so ink
 * erases too few rows), ink draws the old layout once at the new size, and when the screen got shorter ink
 * clears it and reprints everything it ever printed above the frame, leaving the frame one row low with the
 * last printed line above its title. Ink's `write` erases its frame, writes the clear, then draws the latest
 * frame again from the top left.
 */
export function useTerminalSize(): TerminalSize {
  const { stdout, write } = useStdout();
  const [size, setSize] = useState(() => sizeOf(stdout));
  const redraw = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    const update = () => {
      setSize(sizeOf(stdout));
      clearTimeout(redraw.current);
      redraw.current = setTimeout(() => write(CLEAR_SCREEN), SETTLE_MS);
    };
    stdout.on('resize', update);
    return () => {
      stdout.off('resize', update);
      clearTimeout(redraw.current);
    };
  }, [stdout, write]);
  return size;
}
