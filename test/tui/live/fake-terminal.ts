import { EventEmitter } from 'node:events';

/**
 * A terminal's output side for ink: records everything written. It says it is not a TTY only so that
 * ink does not register a cursor restore that would write to the test runner's own terminal.
 */
export class FakeStdout extends EventEmitter {
  readonly isTTY = false;
  columns: number;
  rows: number;
  output = '';

  constructor(columns = 80, rows = 24) {
    super();
    this.columns = columns;
    this.rows = rows;
  }

  write = (chunk: string | Uint8Array, ...rest: unknown[]) => {
    this.output += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const callback = rest.find((argument): argument is () => void => typeof argument === 'function');
    callback?.();
    return true;
  };
}

/** A terminal's keyboard side for ink: `press` types keys. */
export class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  #data: string | null = null;

  press(keys: string): void {
    this.#data = keys;
    this.emit('readable');
    this.emit('data', keys);
  }

  read = () => {
    const data = this.#data;
    this.#data = null;
    return data;
  };

  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

/** The fakes typed as the process streams ink expects. */
export function fakeTerminal(columns = 80, rows = 24) {
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin();
  return { stdout, stdin, streams: { stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream } };
}
