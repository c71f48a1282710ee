import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface TerminalSize {
  columns: number;
  rows: number;
}

/** The smallest terminal the author UI is laid out for. */
export const MINIMUM_SIZE: TerminalSize = { columns: 80, rows: 24 };

const measure = (stdout: NodeJS.WriteStream): TerminalSize => ({
  columns: Math.max(MINIMUM_SIZE.columns, stdout.columns || MINIMUM_SIZE.columns),
  rows: Math.max(MINIMUM_SIZE.rows, stdout.rows || MINIMUM_SIZE.rows),
});

/** The terminal's size (at least 80x24), following resizes; `fixed` overrides it (tests, snapshots). */
export function useTerminalSize(fixed?: TerminalSize): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => fixed ?? measure(stdout));
  useEffect(() => {
    if (fixed) return;
    const update = () => setSize(measure(stdout));
    stdout.on('resize', update);
    return () => void stdout.off('resize', update);
  }, [stdout, fixed]);
  return fixed ?? size;
}
