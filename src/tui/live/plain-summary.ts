import { describeFinished, finishedMark } from './finished-description.ts';
import { headerFigures } from './header-figures.ts';
import type { LiveViewState } from './live-view-model.ts';
import { compactNumber, formatDuration, oneLine, truncate } from './text-layout.ts';

const LINE_WIDTH = 100;

const counts = (record: Partial<Record<string, number>>) =>
  Object.entries(record)
    .sort(([, a], [, b]) => (b ?? 0) - (a ?? 0))
    .map(([name, count]) => `${name} ${count}`)
    .join(', ') || 'none';

/** A run's state as plain lines, for a pipe or a log: totals, outcomes, what runs, the latest finished. */
export function formatPlainSummary(state: LiveViewState, title: string, latest = 10): string {
  const figures = headerFigures(state);
  const lines = [
    `run ${title}${figures.phase ? ` · phase ${figures.phase}` : ''} · ${formatDuration(figures.elapsedMs)} elapsed`,
    `${figures.done}/${figures.total} done · kept ${figures.kept} · rejected ${figures.rejected} · errors ${figures.errors} · running ${figures.running}${figures.skipped > 0 ? ` · skipped ${figures.skipped}` : ''}`,
    `${figures.perMinute === undefined ? '–' : figures.perMinute.toFixed(1)}/min · ${compactNumber(figures.tokens)} tokens${figures.cost > 0 ? ` · $${figures.cost.toFixed(2)}` : ''}`,
    `verdicts: ${counts(state.counted.reasons)}`,
    `endings: ${counts(state.counted.endings)}`,
  ];
  if (state.live.size > 0) {
    lines.push(`running now (${state.live.size}):`);
    for (const view of [...state.live.values()].slice(0, latest)) {
      lines.push(truncate(`  ${view.blueprintId}#${view.attempt}  turn ${view.turn}  ${oneLine(view.lastEvent)}`, LINE_WIDTH));
    }
    if (state.live.size > latest) lines.push(`  +${state.live.size - latest} more`);
  }
  const finished = state.feed.slice(-latest);
  if (finished.length > 0) {
    lines.push(`latest finished (${finished.length} of ${state.finished}):`);
    for (const row of finished) lines.push(truncate(`  ${finishedMark(row)} ${row.blueprintId}#${row.attempt}  ${describeFinished(row)}`, LINE_WIDTH));
  }
  return `${lines.join('\n')}\n`;
}
