import { Box, Text } from 'ink';
import { finishedColor, finishedMark } from './finished-description.ts';
import { isErrorEnding, type RolloutView } from './rollout-view.ts';
import { fitTo, rolloutName, truncate } from './text-layout.ts';

/** Which rows of a list fit in `height` lines, keeping the selected one in sight; the rest are counted. */
export function listWindow(count: number, selectedIndex: number, height: number): { start: number; end: number; hidden: number } {
  if (count <= height) return { start: 0, end: count, hidden: 0 };
  const shown = Math.max(1, height - 1);
  const start = selectedIndex < shown ? 0 : Math.min(count - shown, selectedIndex - shown + 1);
  return { start, end: start + shown, hidden: count - shown };
}

const speakerColor = { human: 'magenta', agent: 'blue', tools: 'cyan' } as const;

/** Column widths of a row at a terminal width: marker, name, status, then the last event takes the rest. */
function columns(width: number) {
  const name = Math.max(10, Math.min(40, Math.floor(width * 0.36)));
  const status = 12;
  return { name, status, rest: Math.max(0, width - 2 - name - 1 - status - 1) };
}

function statusOf(view: RolloutView): { text: string; color: string | undefined } {
  if (view.status === 'running') return { text: `t${view.turn} ${view.speaking ?? ''}`.trimEnd(), color: view.speaking ? speakerColor[view.speaking] : undefined };
  const kept = (view.verdict ?? view.outcome)?.kept ?? false;
  const row = { kept, error: isErrorEnding(view.termination) };
  return { text: `${finishedMark(row)} ${kept ? 'kept' : row.error ? 'error' : 'rejected'}`, color: finishedColor(row) };
}

function RolloutRow({ view, selected, width }: { view: RolloutView; selected: boolean; width: number }) {
  const widths = columns(width);
  const status = statusOf(view);
  return (
    <Text wrap="truncate-end">
      <Text inverse={selected}>{`${selected ? '▸' : ' '} ${fitTo(rolloutName(view.blueprintId, view.attempt, widths.name), widths.name)}`}</Text>
      <Text> </Text>
      <Text color={status.color}>{fitTo(status.text, widths.status)}</Text>
      <Text> </Text>
      <Text dimColor>{truncate(view.lastEvent, widths.rest)}</Text>
    </Text>
  );
}

/**
 * The rollouts to pick from: the running ones (turn, who speaks, what just happened), then the latest
 * finished. Only as many rows as fit; the rest are counted in a "+N more" line.
 */
export function RolloutList({ rows, selectedId, width, height, finished = 0, held = 0 }: { rows: readonly RolloutView[]; selectedId: string | undefined; width: number; height: number; /** Finished rollouts of the run, and how many of them the view holds. */ finished?: number; held?: number }) {
  if (rows.length === 0) return <Text dimColor wrap="truncate-end">{truncate('no rollouts yet — waiting for the run to start them', width)}</Text>;
  const selectedIndex = rows.findIndex((view) => view.jobId === selectedId);
  // Older finished rollouts are not held (their conversations were let go): say so rather than show less silently.
  const older = finished > held ? `  showing the latest ${held} of ${finished} finished (--keep holds more; interplay report shows all)` : undefined;
  const window = listWindow(rows.length, Math.max(0, selectedIndex), Math.max(1, height - (older ? 1 : 0)));
  const above = window.start;
  const below = rows.length - window.end;
  return (
    <Box flexDirection="column" width={width}>
      {rows.slice(window.start, window.end).map((view) => (
        <RolloutRow key={view.jobId} view={view} selected={view.jobId === selectedId} width={width} />
      ))}
      {window.hidden > 0 ? <Text dimColor wrap="truncate-end">{truncate(`  +${window.hidden} more (${above} above, ${below} below)`, width)}</Text> : null}
      {older ? <Text dimColor wrap="truncate-end">{truncate(older, width)}</Text> : null}
    </Box>
  );
}
