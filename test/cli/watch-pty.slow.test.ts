import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliArguments } from '../support/run-cli-process.ts';
import { recordOfflineRun, visible, writeRunFolder, type RecordedRun } from '../tui/live/recorded-run.ts';

const repository = fileURLToPath(new URL('../..', import.meta.url));

const interplayCommand = (args: string[]) => ['node', ...cliArguments(), ...args];

// A pseudo-terminal without native modules: Python's pty module, which spawns the command on a pty and
// relays our pipes to it; it exits with the command's exit code. The pty starts as 0x0: stty makes it 80x24.
const PTY_RELAY = 'import os, pty, sys; status = pty.spawn(sys.argv[1:]); sys.exit(os.waitstatus_to_exitcode(status))';
const onTerminal = (command: string[]) => ['sh', '-c', 'stty rows 24 cols 80 && exec "$@"', 'sh', ...command];
const CLEAR_SCREEN = '\u001B[2J';

let run: RecordedRun;
beforeAll(async () => {
  run = await recordOfflineRun({ trials: 2 });
});

describe('interplay watch on a real pseudo-terminal', () => {
  it('draws the live view of a run folder and exits 0 on q', async () => {
    const folder = await writeRunFolder(run);
    const environment: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color' };
    // ink prints only the last frame when it believes it runs in CI.
    delete environment.CI;
    delete environment.CONTINUOUS_INTEGRATION;
    const child = spawn('python3', ['-c', PTY_RELAY, ...onTerminal(interplayCommand(['watch', folder]))], { cwd: repository, env: environment, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    let sentQuit = false;
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const screen = visible(output);
      if (!sentQuit && screen.includes('2/2 done') && screen.includes('q quit')) {
        sentQuit = true;
        child.stdin.write('q');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const screen = visible(output);
    expect(errors).toBe('');
    expect(sentQuit, screen).toBe(true);
    expect(screen).toContain('interplay watch-test (retail) · finished');
    expect(screen).toMatch(/2\/2 done · kept \d · rejected \d · errors 0 · running 0/);
    expect(code).toBe(0);
    // Redrawn in place, never by clearing the screen (no flicker).
    expect(output).not.toContain(CLEAR_SCREEN);
    for (const line of screen.split(/\r?\n/)) expect(Array.from(line).length, line).toBeLessThanOrEqual(80);
  });
});
