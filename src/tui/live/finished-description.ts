import type { FinishedRow } from './live-view-model.ts';

/** What a finished rollout came to, in a few words: kept, or the verdict reason and the clues behind it. */
export function describeFinished(row: FinishedRow): string {
  const parts = [row.kept ? 'kept' : row.error ? `error: ${row.termination}` : row.reason, `ended ${row.termination}`, `${row.turns} turns`];
  parts.push(`${row.toolCalls} tool calls${row.toolErrors > 0 ? ` (${row.toolErrors} failed)` : ''}`);
  if (!row.kept && !row.stateMatch) parts.push('state differs');
  if (row.missingOutputs > 0) parts.push(`${row.missingOutputs} output${row.missingOutputs === 1 ? '' : 's'} missing`);
  return parts.join(' · ');
}

/** ✓ kept, ✗ rejected, ! ended in an error. */
export const finishedMark = (row: Pick<FinishedRow, 'kept' | 'error'>) => (row.kept ? '✓' : row.error ? '!' : '✗');
export const finishedColor = (row: Pick<FinishedRow, 'kept' | 'error'>) => (row.kept ? 'green' : row.error ? 'yellow' : 'red');
