import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { retail } from '../../../domains/retail/index.ts';
import { listUsers } from '../../../src/tui/author/user-directory.ts';
import { cliArguments } from '../../support/run-cli-process.ts';
import { visible } from '../live/recorded-run.ts';

const repository = fileURLToPath(new URL('../../..', import.meta.url));
// A pseudo-terminal from Python's pty module (as in test/cli/watch-pty.slow.test.ts), made 80x24 by stty.
const PTY_RELAY = 'import os, pty, sys; status = pty.spawn(sys.argv[1:]); sys.exit(os.waitstatus_to_exitcode(status))';
const onTerminal = (command: string[]) => ['sh', '-c', 'stty rows 24 cols 80 && exec "$@"', 'sh', ...command];
const DOWN = '\u001B[B';

/** The row the picker marks as chosen in the latest frame drawn. */
const chosenRow = (screen: string) => screen.split(/\r?\n/).filter((line) => /^> \S/.test(line)).at(-1);

describe('interplay author on a real pseudo-terminal', () => {
  it('moves the user picker one row per key when 8 Down keys arrive in one burst', async () => {
    const users = listUsers(retail.createBase() as never);
    const store = mkdtempSync(join(tmpdir(), 'interplay-author-pty-'));
    const environment: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color' };
    delete environment.CI;
    delete environment.CONTINUOUS_INTEGRATION;
    const child = spawn('python3', ['-c', PTY_RELAY, ...onTerminal(['node', ...cliArguments(), 'author', '--domain', 'retail', '--store', store])], { cwd: repository, env: environment, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let sent = false;
    let target = '';
    const reached = new Promise<string>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const screen = visible(output);
        if (!sent && chosenRow(screen)?.startsWith(`> ${users[0]?.key} `)) {
          sent = true;
          const after = output.length;
          target = users[8]?.key ?? '';
          child.stdin.write(DOWN.repeat(8));
          const check = () => {
            const row = chosenRow(visible(output.slice(after)));
            if (row?.startsWith(`> ${target} `)) resolve(row);
          };
          child.stdout.on('data', check);
        }
      });
    });
    const row = await reached;
    // The picker reached the 9th user (before the fix it stopped at the 2nd and this never resolved).
    expect(row.startsWith(`> ${target} `)).toBe(true);
    expect(chosenRow(visible(output))?.startsWith(`> ${target} `)).toBe(true);
    for (const line of visible(output).split(/\r?\n/)) expect(Array.from(line).length, line).toBeLessThanOrEqual(80);
    child.kill();
    await new Promise((resolve) => child.on('close', resolve));
  });
});
