import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runInterplay } from '../support/run-cli.ts';
import { cliArguments } from '../support/run-cli-process.ts';
import { expectWholeFrame as expectWholeScreen, numbered, TerminalScreen } from '../tui/terminal-screen.ts';

/**
 * `interplay watch` as a person sees it: the real command on a pseudo-terminal at 80x24, its output fed to a
 * terminal emulator (xterm.js, headless), and the assertions made on the emulator's screen, after the cursor
 * moves, erases and scrolling that ink-testing-library's frames never show.
 */

const repository = fileURLToPath(new URL('../..', import.meta.url));
const DOWN = '\u001B[B';
const PAGE_DOWN = '\u001B[6~';
const ENTER = '\r';
const ESCAPE = '\u001B';
const TITLE = /^interplay retail-fallible \(retail\) · finished · \d+s$/;
const LIST_KEYS = 'enter/→ open';
const DETAIL_KEYS = 'esc/← back';

interface LoggedTrajectory {
  blueprintId: string;
  attempt: number;
  messages: unknown[];
}

let runFolder: string;
let longest: string;
beforeAll(async () => {
  // The offline demo, as `npm start` runs it: a trajectory log only (no event log), finished.
  const out = join(mkdtempSync(join(tmpdir(), 'interplay-watch-screen-')), 'demo');
  const demo = await runInterplay(['demo', '--out', out]);
  expect(demo.code, demo.stderr).toBe(0);
  runFolder = join(out, 'retail-fallible');
  const trajectories = readFileSync(join(runFolder, 'trajectories.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as LoggedTrajectory);
  const top = trajectories.reduce((best, next) => (next.messages.length > best.messages.length ? next : best));
  longest = `${top.blueprintId}#${top.attempt}`;
});

let screen: TerminalScreen | undefined;
afterEach(async () => {
  await screen?.close();
  screen = undefined;
});

/** A whole frame of the watch view: the title on line 1, the keys on the frame's last line (rows - 1). */
function expectWholeFrame(lines: string[], terminal: TerminalScreen, keys: string) {
  expectWholeScreen(terminal, lines, TITLE);
  expect(lines[terminal.rows - 2], numbered(lines)).toContain(keys);
}

/** The screen line (0-based) of the list's selected row; -1 when none is. */
const selectedLine = (lines: string[]) => lines.findIndex((line) => line.startsWith('▸ '));
const onList = (lines: string[]) => lines.some((line) => line.includes(LIST_KEYS));
const onDetail = (lines: string[]) => lines.some((line) => line.includes(DETAIL_KEYS));

describe('interplay watch on an 80x24 terminal emulator', () => {
  it('keeps the title on line 1 in the list, in the longest conversation, after Esc and after resizes, with no line wrapped or left stale', async () => {
    const terminal = new TerminalScreen({ command: ['node', ...cliArguments(), 'watch', runFolder], cwd: repository, columns: 80, rows: 24 });
    screen = terminal;
    const list = await terminal.until((lines) => TITLE.test(lines[0] ?? '') && lines.some((line) => line.includes('✓ kept')) && lines.some((line) => line.includes(LIST_KEYS)));
    expectWholeFrame(list, terminal, LIST_KEYS);
    expect(list[1]).toBe('12/12 done · kept 8 · rejected 4 · errors 0 · running 0');
    expect(list[2]).toMatch(/ · done · /);
    // The finished rollouts printed above the live area went into the history, and only they did.
    const historyLength = terminal.history().length;
    expect(terminal.history().join('\n')).not.toMatch(/^interplay /m);

    // Open each row in turn until the longest conversation is on screen (the list's order is the log's).
    let listBefore: string[] = [];
    let detail: string[] = [];
    for (let row = 3; ; row++) {
      terminal.press(DOWN);
      const previous = row === 3 ? -1 : row - 1;
      listBefore = await terminal.until((lines) => onList(lines) && selectedLine(lines) !== previous);
      expectWholeFrame(listBefore, terminal, LIST_KEYS);
      // The header takes lines 1-3, so the n-th row is on line n + 3.
      expect(selectedLine(listBefore), listBefore.join('\n')).toBe(row);
      terminal.press(ENTER);
      detail = await terminal.until(onDetail);
      expectWholeFrame(detail, terminal, DETAIL_KEYS);
      if (detail[3]?.startsWith(`▸ ${longest} · `)) break;
      expect(row, `${longest} is not in the list`).toBeLessThan(3 + 12);
      terminal.press(ESCAPE);
      await terminal.until(onList);
    }
    expect(terminal.history().length).toBe(historyLength);
    // A tool call starts on its own line with its name: never an arrow alone with the call wrapped below it.
    expect(detail.filter((line) => /^\s*[→←]\s*$/.test(line))).toEqual([]);
    expect(detail.some((line) => /^ {2}→ \w+\(/.test(line))).toBe(true);

    // Scrolling keeps the frame whole: same height, title on top, keys at the bottom, nothing scrolled away.
    const position = (lines: string[]) => /lines (\d+)-\d+ of (\d+)/.exec(lines[terminal.rows - 2] ?? '');
    const total = Number(position(detail)?.[2]);
    expect(total).toBeGreaterThan(terminal.rows);
    for (const key of [DOWN, PAGE_DOWN, PAGE_DOWN, PAGE_DOWN, PAGE_DOWN]) {
      const before = Number(position(await terminal.until(onDetail))?.[1]);
      terminal.press(key);
      const after = await terminal.until((lines) => onDetail(lines) && Number(position(lines)?.[1]) !== before);
      expectWholeFrame(after, terminal, DETAIL_KEYS);
      expect(after[3]).toMatch(new RegExp(`^▸ ${longest.replace(/[#-]/g, '\\$&')} · `));
      if (Number(position(after)?.[1]) + terminal.rows - 6 > total) break;
    }
    expect(terminal.history().length).toBe(historyLength);

    // Esc: exactly the list as it was before Enter, nothing of the conversation left behind.
    terminal.press(ESCAPE);
    const back = await terminal.until((lines) => lines.some((line) => line.includes(LIST_KEYS)));
    expectWholeFrame(back, terminal, LIST_KEYS);
    expect(back).toEqual(listBefore);
    expect(terminal.history().length).toBe(historyLength);

    // Resized (narrower and shorter, wider and taller, back), in the detail view and back in the list: each time
    // one whole frame from line 1, laid out for the new size.
    terminal.press(ENTER);
    await terminal.until(onDetail);
    for (const [columns, rows, keys] of [[60, 20, DETAIL_KEYS], [100, 30, DETAIL_KEYS], [80, 24, DETAIL_KEYS], [80, 24, LIST_KEYS]] as const) {
      if (keys === LIST_KEYS) terminal.press(ESCAPE);
      else terminal.resize(columns, rows);
      const resized = await terminal.until((lines) => TITLE.test(lines[0] ?? '') && (lines[rows - 2]?.includes(keys) ?? false) && lines[rows - 1] === '');
      expectWholeFrame(resized, terminal, keys);
      expect(resized.filter((line) => TITLE.test(line))).toHaveLength(1);
      if (keys === DETAIL_KEYS) expect(resized[3]).toMatch(/^▸ \S+ · (KEPT|REJECTED)/);
      else expect(resized).toEqual(back);
    }

    terminal.press('q');
    await expect(terminal.exited).resolves.toBe(0);
    expect(terminal.errors).toBe('');
  });
});
