import { Box, Text } from 'ink';
import type { DetailLine, LineTone } from './detail-lines.ts';
import type { RolloutView } from './rollout-view.ts';
import { rolloutName, truncate } from './text-layout.ts';

const toneStyle: Record<LineTone, { color?: string; dimColor?: boolean; bold?: boolean }> = {
  heading: { bold: true },
  human: { color: 'magenta' },
  agent: { color: 'blue' },
  call: { color: 'cyan' },
  result: { dimColor: true },
  error: { color: 'yellow' },
  note: { dimColor: true },
  good: { color: 'green' },
  bad: { color: 'red' },
  plain: {},
};

/** The first line shown for a scroll position: 'tail' shows the newest lines. */
export function firstVisibleLine(top: number | 'tail', lineCount: number, height: number): number {
  const lastTop = Math.max(0, lineCount - height);
  return top === 'tail' ? lastTop : Math.min(Math.max(0, top), lastTop);
}

function titleOf(view: RolloutView, width: number): string {
  const parts = [rolloutName(view.blueprintId, view.attempt, Math.max(8, Math.floor(width / 2)))];
  if (view.status === 'running') parts.push(`running · turn ${view.turn}${view.speaking ? ` · ${view.speaking} acting` : ''}`);
  else {
    const outcome = view.verdict ?? view.outcome;
    parts.push(outcome ? (outcome.kept ? 'KEPT' : `REJECTED (${outcome.reason})`) : 'finished');
  }
  parts.push(`${view.toolCalls} tool calls${view.toolErrors > 0 ? `, ${view.toolErrors} failed` : ''}`);
  return parts.join(' · ');
}

/** Where the pane is in the lines, e.g. "lines 12-30 of 44, following"; empty when all fit. */
export function scrollPosition(top: number | 'tail', lineCount: number, height: number): string {
  if (lineCount <= height) return '';
  const first = firstVisibleLine(top, lineCount, height);
  return `lines ${first + 1}-${Math.min(lineCount, first + height)} of ${lineCount}${top === 'tail' ? ', following' : ''}`;
}

/** The selected rollout: its conversation (tool calls with arguments and results) and, once done, its verdict. */
export function RolloutDetail({ view, lines, top, width, height }: { view: RolloutView; lines: readonly DetailLine[]; top: number | 'tail'; width: number; height: number }) {
  const first = firstVisibleLine(top, lines.length, height);
  const shown = lines.slice(first, first + height);
  return (
    <Box flexDirection="column" width={width}>
      <Text bold inverse wrap="truncate-end">
        {truncate(`▸ ${titleOf(view, width)}`, width)}
      </Text>
      {shown.map((line, index) => (
        <Text key={first + index} wrap="truncate-end" {...toneStyle[line.tone]}>
          {truncate(line.text, width) || ' '}
        </Text>
      ))}
    </Box>
  );
}
