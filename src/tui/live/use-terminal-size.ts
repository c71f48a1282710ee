import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface TerminalSize {
  columns: number;
  rows: number;
}

export const FALLBACK_TERMINAL_SIZE: TerminalSize = { columns: 80, rows: 24 };

const sizeOf = (stdout: NodeJS.WriteStream): TerminalSize => ({
  columns: stdout.columns > 0 ? stdout.columns : FALLBACK_TERMINAL_SIZE.columns,
  rows: stdout.rows > 0 ? stdout.rows : FALLBACK_TERMINAL_SIZE.rows,
});

/** The terminal's columns and rows, updated when it is resized (80x24 when the stream does not say). */
export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => sizeOf(stdout));
  useEffect(() => {
    const update = () => setSize(sizeOf(stdout));
    stdout.on('resize', update);
    return () => {
      stdout.off('resize', update);
    };
  }, [stdout]);
  return size;
}
