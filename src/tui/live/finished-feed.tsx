import { Static, Text } from 'ink';
import { useLayoutEffect, useRef } from 'react';
import type { FinishedRow } from './live-view-model.ts';
import { FinishedLine } from './finished-line.tsx';

type FeedItem = { kind: 'row'; row: FinishedRow } | { kind: 'gap'; sequence: number; count: number };

/**
 * Finished rollouts, printed once above the live area with ink's `<Static>` (they scroll away with the
 * terminal, never redrawn). `<Static>` counts what it has printed by position in the array it is
 * given, which must therefore only grow; the view keeps a bounded window of rows, so each `<Static>`
 * starts at a fixed row number and is replaced (a new key, printing only rows not printed yet) when
 * the window has moved past its start.
 */
export function FinishedFeed({ rows, width }: { rows: readonly FinishedRow[]; width: number }) {
  const printedUpTo = useRef(0);
  const base = useRef(0);
  const first = rows[0]?.sequence ?? printedUpTo.current;
  if (first > base.current) base.current = printedUpTo.current;
  const start = base.current;
  const items: FeedItem[] = [];
  if (first > start) items.push({ kind: 'gap', sequence: start, count: first - start });
  for (const row of rows.slice(Math.max(0, start - first))) items.push({ kind: 'row', row });
  const next = (rows[rows.length - 1]?.sequence ?? first - 1) + 1;
  useLayoutEffect(() => {
    printedUpTo.current = Math.max(printedUpTo.current, next);
  }, [next]);
  return (
    <Static key={start} items={items}>
      {(item) =>
        item.kind === 'row' ? (
          <FinishedLine key={item.row.sequence} row={item.row} width={width} />
        ) : (
          <Text key={`gap-${item.sequence}`} dimColor wrap="truncate-end">
            {`… ${item.count} finished rollout(s) not shown (they finished faster than the screen could print)`.slice(0, width)}
          </Text>
        )
      }
    </Static>
  );
}
