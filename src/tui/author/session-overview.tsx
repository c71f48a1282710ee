import { Box, Text } from 'ink';
import { ActionList } from './action-list.tsx';
import { asMeant } from './action-text.ts';
import type { AuthorSession } from './author-model.ts';
import { checkSummary } from './check-lines.ts';
import { HelpLine } from './help-line.tsx';
import { useScreenKeys } from './screen-keys.tsx';
import { clip, oneLine, truncate } from './text-layout.ts';
import type { TerminalSize } from './terminal-size.ts';

export type OverviewCommand =
  | 'select-up'
  | 'select-down'
  | 'move-up'
  | 'move-down'
  | 'add'
  | 'edit'
  | 'delete'
  | 'toggle-expect-error'
  | 'instruction'
  | 'outputs'
  | 'user'
  | 'records'
  | 'check'
  | 'details'
  | 'rename'
  | 'save'
  | 'quit'
  | 'other';

const letterCommands: Readonly<Record<string, OverviewCommand>> = {
  a: 'add',
  e: 'edit',
  d: 'delete',
  x: 'toggle-expect-error',
  i: 'instruction',
  o: 'outputs',
  u: 'user',
  r: 'records',
  c: 'check',
  v: 'details',
  n: 'rename',
  s: 'save',
  q: 'quit',
};

/** The overview's keys, in two lines that each fit 80 columns. */
export const overviewKeys: readonly (readonly string[])[] = [
  ['↑↓ select', 'a add', '⏎ edit', 'd delete', 'x expect-error', 'shift/alt+↑↓ move', 'q quit'],
  ['i instruction', 'o outputs', 'u user', 'r records', 'c check', 'v details', 'n id', 's save'],
];

interface SessionOverviewProps {
  session: AuthorSession;
  selected: number;
  /** The last thing that happened (added, saved, a problem), shown above the help. */
  message: string;
  /** While checks or a save run, keys are ignored and this says what is going on. */
  busy: string | undefined;
  size: TerminalSize;
  onCommand(command: OverviewCommand): void;
}

/** Rows the overview always uses besides the action list and the diff (header, instruction, result, help...). */
const FIXED_ROWS = 12;

/**
 * The main screen: the blueprint's instruction and outputs, its actions each with its live result,
 * the selected action's result text, the running diff (initial state -> after all actions), the
 * checks, and the keys. Fits 80x24.
 */
export function SessionOverview({ session, selected, message, busy, size, onCommand }: SessionOverviewProps) {
  useScreenKeys(
    (input, key) => {
      if (key.upArrow || key.downArrow) {
        const moving = key.shift || key.meta;
        return onCommand(key.upArrow ? (moving ? 'move-up' : 'select-up') : moving ? 'move-down' : 'select-down');
      }
      if (key.return) return onCommand('edit');
      onCommand((!key.ctrl && letterCommands[input]) || 'other');
    },
    { isActive: busy === undefined },
  );

  const { columns, rows } = size;
  const available = Math.max(4, rows - 1 - FIXED_ROWS);
  const actionRows = Math.min(Math.max(1, session.actions.length), Math.max(3, Math.floor(available / 2)));
  const diffRows = available - actionRows;
  const diffLines = clip(session.evaluation.diffText.split('\n'), diffRows, (count) => `… ${count} more line(s) (v: details)`);
  const action = session.actions[selected];
  const result = session.evaluation.results[selected];
  const changes = session.evaluation.diff.patch.length;
  const state = session.dirty ? 'modified' : session.file ? 'saved' : 'new';
  const header = [state, session.domain.name, `user ${session.userId ?? '(none)'}`, `id ${session.id || '(unnamed)'}`].join(' · ');

  return (
    <Box flexDirection="column" width={columns}>
      <Text bold wrap="truncate-end">
        {header}
      </Text>
      <Box height={2} overflow="hidden">
        {session.instruction === '' ? <Text dimColor>instruction: none yet (i to write it)</Text> : <Text wrap="wrap">{truncate(`instruction: ${oneLine(session.instruction)}`, columns * 2)}</Text>}
      </Box>
      <Text wrap="truncate-end" dimColor={session.outputs.length === 0}>
        {session.outputs.length === 0 ? 'outputs: none (o to add the facts the agent must say)' : `outputs: ${session.outputs.join(' | ')}`}
      </Text>
      <Text bold>{`actions (${session.actions.length})`}</Text>
      <Box height={actionRows} flexDirection="column">
        <ActionList actions={session.actions} results={session.evaluation.results} selected={selected} height={actionRows} width={columns} />
      </Box>
      <Box height={2} overflow="hidden">
        {action && result ? (
          <Text wrap="wrap" color={asMeant(action, result) ? undefined : 'red'}>
            {truncate(`result of ${selected + 1}: ${result.ok ? '✓' : '✗'} ${oneLine(result.content)}`, columns * 2)}
          </Text>
        ) : (
          <Text> </Text>
        )}
      </Box>
      <Text bold>{`diff (initial -> after all actions): ${changes === 0 ? 'no change' : `${changes} change(s)`}`}</Text>
      <Box height={diffRows} flexDirection="column">
        {changes === 0 ? null : diffLines.map((line, index) => <Text key={index}>{truncate(line, columns)}</Text>)}
      </Box>
      <Text wrap="truncate-end">{checkSummary(session)}</Text>
      <Text color="yellow" wrap="truncate-end">
        {busy ?? (message || ' ')}
      </Text>
      {overviewKeys.map((keys, index) => (
        <HelpLine key={index} keys={keys} separator="  " />
      ))}
    </Box>
  );
}
