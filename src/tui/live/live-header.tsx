import { Box, Text } from 'ink';
import type { HeaderFigures } from './header-figures.ts';
import { compactNumber, formatDuration } from './text-layout.ts';

/** The header's height in lines: the layout reserves it. */
export const HEADER_LINES = 3;

function phaseLabel(figures: HeaderFigures): string {
  switch (figures.phase) {
    case 'validation':
      return `validating blueprints (${figures.blueprints.validated} passed, ${figures.blueprints.rejected} rejected)`;
    case 'rollouts':
      return 'rolling out';
    case 'done':
      return 'finished';
    case undefined:
      return figures.finished ? 'finished' : figures.done + figures.running > 0 ? 'rolling out' : 'waiting for events';
  }
}

/** The run's totals: progress, verdicts, pace and spend, in three lines. */
export function LiveHeader({ figures, title, width }: { figures: HeaderFigures; title: string; width: number }) {
  const pace = figures.perMinute === undefined ? '–/min' : `${figures.perMinute.toFixed(figures.perMinute < 10 ? 1 : 0)}/min`;
  const eta = figures.etaMs === undefined ? 'ETA –' : figures.finished ? 'done' : `ETA ${formatDuration(figures.etaMs)}`;
  const cost = figures.cost > 0 ? ` · $${figures.cost.toFixed(2)}` : '';
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold color="cyan">interplay</Text>
        <Text>{` ${title} · ${phaseLabel(figures)} · ${formatDuration(figures.elapsedMs)}`}</Text>
      </Text>
      <Text wrap="truncate-end">
        <Text bold>{`${figures.done}/${figures.total} done`}</Text>
        <Text>{' · '}</Text>
        <Text color="green">{`kept ${figures.kept}`}</Text>
        <Text>{' · '}</Text>
        <Text color="red">{`rejected ${figures.rejected}`}</Text>
        <Text>{' · '}</Text>
        <Text color={figures.errors > 0 ? 'yellow' : undefined}>{`errors ${figures.errors}`}</Text>
        <Text>{` · running ${figures.running}${figures.skipped > 0 ? ` · skipped ${figures.skipped}` : ''}`}</Text>
      </Text>
      <Text wrap="truncate-end" dimColor>{`${pace} · ${eta} · ${compactNumber(figures.tokens)} tokens${cost}`}</Text>
    </Box>
  );
}
