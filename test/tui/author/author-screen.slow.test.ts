import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { cliArguments } from '../../support/run-cli-process.ts';
import { expectWholeFrame, numbered, TerminalScreen } from '../terminal-screen.ts';
import { keys } from './terminal-keys.ts';

/**
 * `interplay author` as a person sees it at 80x24: the real command on a pseudo-terminal, its output read by a
 * terminal emulator (see test/cli/watch-screen.slow.test.ts).
 */

const repository = fileURLToPath(new URL('../../..', import.meta.url));

let screen: TerminalScreen | undefined;
afterEach(async () => {
  await screen?.close();
  screen = undefined;
});

describe('interplay author on an 80x24 terminal emulator', () => {
  const start = () => {
    const store = mkdtempSync(join(tmpdir(), 'interplay-author-screen-'));
    screen = new TerminalScreen({ command: ['node', ...cliArguments(), 'author', '--domain', 'retail', '--store', store], cwd: repository, columns: 80, rows: 24 });
    return screen;
  };
  const showsLine = (pattern: RegExp) => (lines: string[]) => lines.some((line) => pattern.test(line));

  it('shows its first screen whole: the user picker from line 1, nothing wrapped, nothing scrolled away', async () => {
    const terminal = start();
    const picker = await terminal.until((lines) => lines.some((line) => line.includes('enter pick · esc back')));
    expectWholeFrame(terminal, picker, /^interplay author · retail · pick a user$/);
    // Nothing scrolled off the top.
    expect(terminal.history(), numbered(picker)).toEqual([]);
    expect(picker[1]).toMatch(/^search: +500 of 500$/);
    expect(picker[2]).toMatch(/^> \w+ {2}\S/);
  });

  // ink subscribes a screen's useInput handler after drawing it: before the author app took every key through one
  // stable handler (src/tui/author/screen-keys.tsx), the keys sent in the same write as the key that opens a screen
  // went to the screen before it (or to nobody), and the walk below stopped on the wrong screen. ink hands a run of
  // plain characters over as one input (a paste), so in each write an arrow key separates the key that opens a
  // screen from the text meant for it.
  it('gives the keys sent in the same write as the key that opens a screen to that new screen, screen after screen', async () => {
    const terminal = start();
    const first = await terminal.until(showsLine(/enter pick · esc back/));
    // The picker can be drawn before ink puts the terminal in raw mode, and a control key typed then is cooked by
    // the terminal (Enter arrives as a line feed). Printable text is the same in both modes: once the filter shows
    // it, the terminal is raw.
    const userId = /^ {2}(\S+)/.exec(first[3] ?? '')?.[1] ?? '';
    expect(userId, numbered(first)).not.toBe('');
    terminal.press(userId);
    await terminal.until((lines) => lines[1]?.startsWith(`search: ${userId} `) === true && lines[2]?.startsWith(`> ${userId} `) === true);

    terminal.press(keys.enter);
    const records = await terminal.until(showsLine(/^↑↓ pgup\/pgdn scroll · enter\/esc back$/));
    expectWholeFrame(terminal, records, new RegExp(`^records of ${userId} \\(before any action\\)`));

    terminal.press(keys.enter);
    const overview = await terminal.until(showsLine(/^i instruction/));
    expectWholeFrame(terminal, overview, new RegExp(`^\\w+ · retail · user ${userId} · id \\(unnamed\\)$`));
    expect(overview[1], numbered(overview)).toMatch(/^instruction: none yet/);

    // i opens the instruction editor; the text typed with it lands in the editor.
    terminal.press(`i${keys.left}Cancel my order`);
    const editor = await terminal.until(showsLine(/Cancel my order/));
    expectWholeFrame(terminal, editor, /^Instruction$/);

    // ctrl+s keeps the instruction (back to the overview), a opens the tool picker, and "cancel" filters it.
    terminal.press(`${keys.ctrlS}${keys.down}a${keys.down}cancel`);
    const tools = await terminal.until((lines) => showsLine(/^search: cancel /)(lines) && lines[2]?.startsWith('> cancel_pending_order') === true);
    expectWholeFrame(terminal, tools, /^interplay author · retail · new action: pick a tool$/);
    expect(tools[2], numbered(tools)).toMatch(/^> cancel_pending_order \(write\)/);

    // Enter picks the tool and opens its form; Down moves to the reason and space chooses one.
    terminal.press(`${keys.enter}${keys.down} `);
    const form = await terminal.until(showsLine(/^> reason\* +‹ (?!\(not given\))/));
    expectWholeFrame(terminal, form, /^New action: cancel_pending_order \(write\) · position 1$/);

    // Up and the order id fill the first field; ctrl+s adds the action (back to the overview) and v opens the details.
    terminal.press(`${keys.up}#W0000000`);
    await terminal.until(showsLine(/^> order_id\* +#W0000000/));
    terminal.press(`${keys.ctrlS}${keys.down}v`);
    const details = await terminal.until(showsLine(/^details: diff, results, checks/));
    expectWholeFrame(terminal, details, /^details: diff, results, checks/);

    // Escape alone closes the details: the overview has the instruction and the action.
    terminal.press(keys.escape);
    // The whole overview, not its first lines: a frame read while ink is still writing it shows the header alone.
    const done = await terminal.until((lines) => showsLine(/^actions \(1\)$/)(lines) && lines.some((line) => line.includes('cancel_pending_order')));
    expectWholeFrame(terminal, done, new RegExp(`^modified · retail · user ${userId} · id \\(unnamed\\)$`));
    expect(done[1], numbered(done)).toBe('instruction: Cancel my order');
    expect(done.some((line) => line.includes('cancel_pending_order')), numbered(done)).toBe(true);
  });
});
