import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { filterItems, windowStart, type SearchItem } from './list-search.ts';
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
  const [query, setQuery] = useState(textBuffer(''));
  const [selected, setSelected] = useState(0);
  const shown = filterItems(items, query.text);
  const current = Math.min(selected, Math.max(0, shown.length - 1));

  useInput(
    (input, key) => {
      if (key.escape) return onCancel?.();
      if (key.return) {
        const item = shown[current];
        if (item) onSelect(item.key);
        return;
      }
      if (key.upArrow || key.pageUp) return setSelected(Math.max(0, current - (key.pageUp ? height : 1)));
      if (key.downArrow || key.pageDown) return setSelected(Math.min(Math.max(0, shown.length - 1), current + (key.pageDown ? height : 1)));
      const edited = editText(query, input, key, false);
      if (edited && edited.text !== query.text) setSelected(0);
      if (edited) setQuery(edited);
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
