import { Text } from 'ink';
import type { FinishedRow } from './live-view-model.ts';
import { describeFinished, finishedColor, finishedMark } from './finished-description.ts';
import { rolloutName, truncate } from './text-layout.ts';

/** One finished rollout as the single line printed above the live area. */
export function FinishedLine({ row, width }: { row: FinishedRow; width: number }) {
  // The name keeps its #trial whatever the width; the description gives way first.
  const name = rolloutName(row.blueprintId, row.attempt, Math.max(4, width - 2));
  const text = truncate(`${finishedMark(row)} ${name}  ${describeFinished(row)}`, width);
  const split = Math.min(text.length, 2 + name.length);
  return (
    <Text wrap="truncate-end">
      <Text color={finishedColor(row)}>{text.slice(0, 2)}</Text>
      <Text>{text.slice(2, split)}</Text>
      <Text dimColor>{text.slice(split)}</Text>
    </Text>
  );
}
