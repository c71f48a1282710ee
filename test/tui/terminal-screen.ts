import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import xterm from '@xterm/headless';
import { expect } from 'vitest';

/**
 * A command run on a real pseudo-terminal whose output is fed to a headless terminal emulator (xterm.js), so a
 * test can assert on what a person would SEE: the screen after cursor moves, erases, clears and scrolling, not
 * the frames ink meant to draw. The pseudo-terminal comes from Python's pty module (no native Node module).
 */

// Spawns the command on a pty and relays our pipes to it, and exits with the command's exit code. A line
// "<rows> <columns>" on fd 3 resizes the pty, which signals SIGWINCH to the command as a terminal window does.
const PTY_RELAY = `
import fcntl, os, pty, select, struct, sys, termios
pid, master = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
inputs, control = [master, 0, 3], b''
while master in inputs:
    for ready in select.select(inputs, [], [])[0]:
        try:
            data = os.read(ready, 65536)
        except OSError:
            data = b''
        if ready == master:
            if data: os.write(1, data)
            else: inputs.remove(master)
        elif not data:
            inputs.remove(ready)
        elif ready == 0:
            os.write(master, data)
        else:
            control += data
            while b'\\n' in control:
                line, control = control.split(b'\\n', 1)
                rows, columns = map(int, line.split())
                fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack('HHHH', rows, columns, 0, 0))
sys.exit(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
`;

export interface TerminalScreenOptions {
  command: readonly string[];
  cwd: string;
  columns?: number;
  rows?: number;
  env?: NodeJS.ProcessEnv;
}

export class TerminalScreen {
  columns: number;
  rows: number;
  private readonly terminal: InstanceType<typeof xterm.Terminal>;
  private readonly child: ChildProcess;
  private readonly input: Writable;
  private readonly control: Writable;
  private readonly waiters = new Set<() => void>();
  private pending = Promise.resolve();
  /** Everything the command wrote, as bytes arrived (for a failure message). */
  raw = '';
  errors = '';
  readonly exited: Promise<number | null>;

  constructor({ command, cwd, columns = 80, rows = 24, env }: TerminalScreenOptions) {
    this.columns = columns;
    this.rows = rows;
    this.terminal = new xterm.Terminal({ cols: columns, rows, scrollback: 1000, allowProposedApi: true });
    const environment: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color', ...env };
    // ink prints only the last frame when it believes it runs in CI.
    delete environment.CI;
    delete environment.CONTINUOUS_INTEGRATION;
    // The pty starts as 0x0: stty gives it the emulator's size before the command starts.
    const onTerminal = ['sh', '-c', `stty rows ${rows} cols ${columns} && exec "$@"`, 'sh', ...command];
    this.child = spawn('python3', ['-c', PTY_RELAY, ...onTerminal], { cwd, env: environment, stdio: ['pipe', 'pipe', 'pipe', 'pipe'] });
    const [input, output, errors, control] = this.child.stdio as unknown as [Writable, Readable, Readable, Writable];
    this.input = input;
    this.control = control;
    errors.on('data', (chunk: Buffer) => (this.errors += chunk.toString('utf8')));
    output.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      this.raw += text;
      // xterm parses asynchronously: a write's callback runs once the screen shows it.
      this.pending = new Promise<void>((resolve) => this.terminal.write(chunk, resolve)).then(() => this.notify());
    });
    this.exited = new Promise((resolve) => this.child.on('close', (code) => {
      void this.pending.then(() => {
        this.notify();
        resolve(code);
      });
    }));
  }

  private notify() {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** The screen's lines as shown now (trailing spaces dropped). */
  lines(): string[] {
    const buffer = this.terminal.buffer.active;
    const lines: string[] = [];
    for (let row = 0; row < this.rows; row++) lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
    return lines;
  }

  /** The screen rows the terminal wrapped onto from the row above (a line wider than the screen): 1-based. */
  wrappedRows(): number[] {
    const buffer = this.terminal.buffer.active;
    const rows: number[] = [];
    for (let row = 0; row < this.rows; row++) if (buffer.getLine(buffer.viewportY + row)?.isWrapped) rows.push(row + 1);
    return rows;
  }

  /** The lines that scrolled off the top of the screen into the terminal's history. */
  history(): string[] {
    const buffer = this.terminal.buffer.active;
    const lines: string[] = [];
    for (let row = 0; row < buffer.viewportY; row++) lines.push(buffer.getLine(row)?.translateToString(true) ?? '');
    return lines;
  }

  text(): string {
    return this.lines().join('\n');
  }

  /** Resolves with the screen's lines once `shows` holds for them; checked after every write the command makes. */
  until(shows: (lines: string[]) => boolean): Promise<string[]> {
    return new Promise((resolve) => {
      const check = () => {
        const lines = this.lines();
        if (!shows(lines)) return;
        this.waiters.delete(check);
        resolve(lines);
      };
      this.waiters.add(check);
      void this.pending.then(check);
    });
  }

  /** Types keys into the terminal, as a person would. */
  press(keys: string) {
    this.input.write(keys);
  }

  /** Resizes the window: the emulator first (it reflows what it shows, as a terminal does), then the pty, which signals the command. */
  resize(columns: number, rows: number) {
    this.columns = columns;
    this.rows = rows;
    this.terminal.resize(columns, rows);
    this.control.write(`${rows} ${columns}\n`);
  }

  /** Stops the command (when the test has not made it exit). */
  async close(): Promise<void> {
    this.control.end();
    if (this.child.exitCode === null) this.child.kill();
    await this.exited;
    this.terminal.dispose();
  }
}

/** The screen with line numbers, for a failure message. */
export const numbered = (lines: readonly string[]) => lines.map((line, index) => `${String(index + 1).padStart(2)}|${line}`).join('\n');

/**
 * What every screen of a full-screen UI must show: its title on line 1, no row the terminal wrapped (no line wider
 * than the screen), and the bottom row free (the frame is at most rows - 1 lines, so nothing scrolls).
 */
export function expectWholeFrame(terminal: TerminalScreen, lines: string[], title: RegExp) {
  expect(lines[0], numbered(lines)).toMatch(title);
  expect(terminal.wrappedRows(), numbered(lines)).toEqual([]);
  expect(lines[terminal.rows - 1], numbered(lines)).toBe('');
  for (const line of lines) expect(Array.from(line).length, line).toBeLessThanOrEqual(terminal.columns);
}
