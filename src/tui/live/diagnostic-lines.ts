import { describeDivergence, type TrajectoryDiagnostics } from '../../rollout/diagnostics/index.ts';
import type { DetailLine } from './detail-lines.ts';
import { wrapText } from './text-layout.ts';

/** The diagnostics of a rejected rollout as detail lines: whose failure, where it left the gold path, what matched. */
export function diagnosticLines(diagnostics: TrajectoryDiagnostics, width: number): DetailLine[] {
  const lines: DetailLine[] = [];
  const add = (text: string, tone: DetailLine['tone']) => lines.push(...wrapText(text, width, '    ').map((line) => ({ text: line, tone })));
  const { attribution, alignment } = diagnostics;
  add(`whose failure: ${attribution.party} (${attribution.rule}) — ${attribution.explanation}`, 'bad');
  if (alignment.firstDivergence) add(`first divergence: ${describeDivergence(alignment.firstDivergence)}`, 'plain');
  add(`reads matched ${alignment.reads.exact}/${alignment.reads.gold} · writes matched ${alignment.writes.exact}/${alignment.writes.gold} (${alignment.writes.partial} partly) · extra writes ${alignment.extraWrites.length}`, 'plain');
  if (diagnostics.revealedFacts.length > 0) add(`the human said what its instruction lacks: ${diagnostics.revealedFacts.map((fact) => fact.value).join(', ')}`, 'note');
  return lines;
}
