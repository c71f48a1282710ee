import { Box, Text } from 'ink';
import { useState } from 'react';
import { HelpLine } from './help-line.tsx';
import { useScreenKeys } from './screen-keys.tsx';
import { truncate } from './text-layout.ts';

interface ScrollableLinesProps {
  title: string;
  lines: readonly string[];
  width: number;
  /** Rows for the whole view: title, lines and help. */
  height: number;
  onClose(): void;
  isActive?: boolean;
  /** Keys that close the view besides escape (e.g. enter to go on). */
  closeKeys?: readonly string[];
}

/** A read-only page of lines: ↑↓ and page keys scroll, escape (or enter) closes it. */
export function ScrollableLines({ title, lines, width, height, onClose, isActive = true, closeKeys = ['return'] }: ScrollableLinesProps) {
  const room = Math.max(1, height - 3);
  const last = Math.max(0, lines.length - room);
  const [top, setTop] = useState(0);
  useScreenKeys(
    (input, key) => {
      if (key.escape || (key.return && closeKeys.includes('return')) || closeKeys.includes(input)) return onClose();
      if (key.upArrow) setTop((value) => Math.max(0, value - 1));
      if (key.downArrow) setTop((value) => Math.min(last, value + 1));
      if (key.pageUp) setTop((value) => Math.max(0, value - room));
      if (key.pageDown || input === ' ') setTop((value) => Math.min(last, value + room));
    },
    { isActive },
  );
  const first = Math.min(top, last);
  const position = lines.length > room ? `  (${first + 1}-${Math.min(lines.length, first + room)} of ${lines.length})` : '';
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end">
        {title}
        <Text dimColor>{position}</Text>
      </Text>
      <Box flexDirection="column" height={room}>
        {lines.slice(first, first + room).map((line, index) => (
          <Text key={index}>{truncate(line, width) || ' '}</Text>
        ))}
      </Box>
      <HelpLine keys={['↑↓ pgup/pgdn scroll', `${closeKeys.includes('return') ? 'enter/' : ''}esc back`]} />
    </Box>
  );
}
