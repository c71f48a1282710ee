import { Box, Text } from 'ink';
import { useRef, useState } from 'react';
import { filterItems, windowStart, type SearchItem } from './list-search.ts';
import { useScreenKeys } from './screen-keys.tsx';
import { editText, textBuffer } from './text-editing.ts';
import { TextField } from './text-field.tsx';
import { truncate } from './text-layout.ts';

interface SearchableListProps {
  title: string;
  items: readonly SearchItem[];
  /** How many rows of items to show. */
  height: number;
  width: number;
  onSelect(key: string): void;
  onCancel?(): void;
  isActive?: boolean;
}

/** A list filtered by what is typed: ↑↓ choose, enter select, esc back. */
export function SearchableList({ title, items, height, width, onSelect, onCancel, isActive = true }: SearchableListProps) {
  const [view, setView] = useState({ query: textBuffer(''), selected: 0 });
  // Keys of a burst arrive before React renders again: each one starts from what the previous one left here,
  // never from the state of the last render (which would drop all but one of them).
  const latest = useRef(view);
  const { query } = view;
  const shown = filterItems(items, query.text);
  const current = Math.min(view.selected, Math.max(0, shown.length - 1));

  useScreenKeys(
    (input, key) => {
      const before = latest.current;
      const matching = filterItems(items, before.query.text);
      const at = Math.min(before.selected, Math.max(0, matching.length - 1));
      const update = (next: typeof before) => {
        latest.current = next;
        setView(next);
      };
      if (key.escape) return onCancel?.();
      if (key.return) {
        const item = matching[at];
        if (item) onSelect(item.key);
        return;
      }
      if (key.upArrow || key.pageUp) return update({ ...before, selected: Math.max(0, at - (key.pageUp ? height : 1)) });
      if (key.downArrow || key.pageDown) return update({ ...before, selected: Math.min(Math.max(0, matching.length - 1), at + (key.pageDown ? height : 1)) });
      const edited = editText(before.query, input, key, false);
      if (edited) update({ query: edited, selected: edited.text !== before.query.text ? 0 : at });
    },
    { isActive },
  );

  const start = windowStart(shown.length, height, current);
  return (
    <Box flexDirection="column">
      <Text bold>{truncate(title, width)}</Text>
      <Box>
        <Text color="cyan">search: </Text>
        <TextField buffer={query} active={isActive} width={width - 30} placeholder="type to filter" />
        <Text dimColor>{`  ${shown.length} of ${items.length}`}</Text>
      </Box>
      <Box flexDirection="column" height={height}>
        {shown.length === 0 ? <Text dimColor>nothing matches</Text> : null}
        {shown.slice(start, start + height).map((item, offset) => {
          const chosen = start + offset === current;
          const label = `${chosen ? '>' : ' '} ${item.label}`;
          return (
            <Text key={item.key} wrap="truncate-end" color={chosen ? 'cyan' : undefined} bold={chosen}>
              {label}
              {item.detail ? <Text dimColor={!chosen}>{`  ${item.detail}`}</Text> : null}
            </Text>
          );
        })}
      </Box>
    </Box>
  );
}
