/** Bytes a terminal sends for keys, as ink parses them. */
export const keys = {
  enter: '\r',
  escape: '\u001B',
  tab: '\t',
  backspace: '\u007F',
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  shiftUp: '\u001B[1;2A',
  shiftDown: '\u001B[1;2B',
  altUp: '\u001B[1;3A',
  altDown: '\u001B[1;3B',
  ctrlS: '\u0013',
  ctrlR: '\u0012',
} as const;

/** Lets ink read the input, React render, and effects (input subscriptions) run: a few turns of the event loop. */
export async function settle(turns = 10): Promise<void> {
  for (let turn = 0; turn < turns; turn++) await new Promise((resolve) => setImmediate(resolve));
}

interface Terminal {
  stdin: { write(data: string): void };
  lastFrame(): string | undefined;
}

/** Sends keys one at a time, letting the UI settle after each. */
export async function press(terminal: Terminal, ...sequence: string[]): Promise<void> {
  for (const data of sequence) {
    terminal.stdin.write(data);
    await settle();
  }
}

/** Types text one character at a time, as a person does. */
export async function type(terminal: Terminal, text: string): Promise<void> {
  await press(terminal, ...Array.from(text));
}

/** Pastes text: the terminal sends it at once and ink hands it over as one input. */
export async function paste(terminal: Terminal, text: string): Promise<void> {
  await press(terminal, text);
}

/**
 * Waits until the last frame satisfies `check`, then lets the UI settle. It has no limit of its own (the
 * UI may wait on the store's file writes, which a busy machine delays): only the runner's testTimeout
 * bounds it.
 */
export async function waitForFrame(terminal: Terminal, check: (frame: string) => boolean): Promise<string> {
  for (;;) {
    if (check(terminal.lastFrame() ?? '')) {
      await settle();
      return terminal.lastFrame() ?? '';
    }
    // A timer turn, not an immediate: file writes (the store) need the poll phase to come round.
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

/** Every line of a frame fits the terminal. */
export function frameFits(frame: string, columns: number, rows: number): boolean {
  const lines = frame.split('\n');
  return lines.length <= rows && lines.every((line) => Array.from(line).length <= columns);
}
