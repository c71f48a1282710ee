import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { expectWholeFrame, numbered, TerminalScreen } from '../terminal-screen.ts';

/**
 * `interplay author` as a person sees it at 80x24: the real command on a pseudo-terminal, its output read by a
 * terminal emulator (see test/cli/watch-screen.test.ts).
 */

const repository = fileURLToPath(new URL('../../..', import.meta.url));

let screen: TerminalScreen | undefined;
afterEach(async () => {
  await screen?.close();
  screen = undefined;
});

describe('interplay author on an 80x24 terminal emulator', () => {
  // Only the first screen: a key typed right after a screen change can reach the screen before it (ink subscribes
  // the new screen's key handler after drawing it), so a test that walks the screens fast would be flaky until the
  // author screens take keys the way the live view does (one stable handler).
  it('shows its first screen whole: the user picker from line 1, nothing wrapped, nothing scrolled away', async () => {
    const store = mkdtempSync(join(tmpdir(), 'interplay-author-screen-'));
    const terminal = new TerminalScreen({ command: ['node', 'bin/interplay.js', 'author', '--domain', 'retail', '--store', store], cwd: repository, columns: 80, rows: 24 });
    screen = terminal;
    const picker = await terminal.until((lines) => lines.some((line) => line.includes('enter pick · esc back')));
    expectWholeFrame(terminal, picker, /^interplay author · retail · pick a user$/);
    // Nothing scrolled off the top.
    expect(terminal.history(), numbered(picker)).toEqual([]);
    expect(picker[1]).toMatch(/^search: +500 of 500$/);
    expect(picker[2]).toMatch(/^> \w+ {2}\S/);
  });
});
