import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { TerminalScreen } from '../terminal-screen.ts';

/**
 * `interplay author` as a person sees it at 80x24: the real command on a pseudo-terminal, its output read by a
 * terminal emulator (see test/cli/watch-screen.test.ts), through the screens of a first action.
 */

const repository = fileURLToPath(new URL('../../..', import.meta.url));
const ESCAPE = '\u001B';

let screen: TerminalScreen | undefined;
afterEach(async () => {
  await screen?.close();
  screen = undefined;
});

/** Nothing wrapped by the terminal, nothing scrolled off the top, the bottom row left free: the whole frame is in sight. */
function expectWholeFrame(lines: string[], terminal: TerminalScreen, top: RegExp) {
  const shown = lines.map((line, index) => `${String(index + 1).padStart(2)}|${line}`).join('\n');
  expect(lines[0], shown).toMatch(top);
  expect(terminal.wrappedRows(), shown).toEqual([]);
  expect(terminal.history(), shown).toEqual([]);
  expect(lines[terminal.rows - 1], shown).toBe('');
}

describe('interplay author on an 80x24 terminal emulator', () => {
  it('shows every screen of a first action whole: user picker, editor, tool picker, action form, and back', async () => {
    const store = mkdtempSync(join(tmpdir(), 'interplay-author-screen-'));
    const terminal = new TerminalScreen({ command: ['node', 'bin/interplay.js', 'author', '--domain', 'retail', '--store', store], cwd: repository, columns: 80, rows: 24 });
    screen = terminal;
    const has = (text: string) => (lines: string[]) => lines.some((line) => line.includes(text));

    expectWholeFrame(await terminal.until(has('enter pick · esc back')), terminal, /^interplay author · retail · pick a user$/);
    terminal.press('\r');
    expectWholeFrame(await terminal.until(has('enter/esc back')), terminal, /^records of \w+ \(before any action\)$/);
    terminal.press('\r');
    const editor = await terminal.until(has('i instruction'));
    expectWholeFrame(editor, terminal, /^modified · retail · user \w+ · id \(unnamed\)$/);
    terminal.press('a');
    expectWholeFrame(await terminal.until(has('type to filter')), terminal, /^interplay author · retail · new action: pick a tool$/);
    terminal.press('return');
    const filtered = await terminal.until((lines) => lines[1]?.startsWith('search: return') ?? false);
    expectWholeFrame(filtered, terminal, /pick a tool$/);
    expect(filtered[2]).toMatch(/^> return_delivered_order_items /);
    terminal.press('\r');
    expectWholeFrame(await terminal.until(has('esc cancel')), terminal, /^New action: return_delivered_order_items \(write\)/);
    terminal.press(ESCAPE);
    // Back in the editor: exactly as it was, nothing of the form left behind.
    expect(await terminal.until((lines) => lines.join('\n') === editor.join('\n'))).toEqual(editor);
    expectWholeFrame(editor, terminal, /^modified · retail/);
  });
});
