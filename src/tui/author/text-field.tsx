import { Box, Text } from 'ink';
import type { TextBuffer } from './text-editing.ts';
import { hardWrap, truncate } from './text-layout.ts';

interface TextFieldProps {
  buffer: TextBuffer;
  /** Shows the cursor, and scrolls so it stays in view. */
  active: boolean;
  width: number;
  placeholder?: string;
}

/** One line of editable text. Long text scrolls sideways around the cursor. */
export function TextField({ buffer, active, width, placeholder }: TextFieldProps) {
  const { text, cursor } = buffer;
  if (!active) {
    return text === '' ? <Text dimColor>{truncate(placeholder ?? '', width)}</Text> : <Text>{truncate(text, width)}</Text>;
  }
  const room = Math.max(1, width - 1);
  const start = Math.max(0, cursor - room + 1);
  const visible = text.slice(start, start + room);
  const at = cursor - start;
  return (
    <Text>
      {visible.slice(0, at)}
      <Text inverse>{visible[at] ?? ' '}</Text>
      {visible.slice(at + 1)}
    </Text>
  );
}

interface MultiLineFieldProps {
  buffer: TextBuffer;
  width: number;
  height: number;
}

/** Rows of editable text, wrapped at `width`, scrolled to keep the cursor in view. */
export function MultiLineField({ buffer, width, height }: MultiLineFieldProps) {
  const rows: { text: string; cursorColumn: number | undefined }[] = [];
  let offset = 0;
  for (const line of buffer.text.split('\n')) {
    const pieces = hardWrap(line, width);
    pieces.forEach((piece, index) => {
      const last = index === pieces.length - 1;
      const column = buffer.cursor - offset;
      const holdsCursor = column >= 0 && (column < piece.length || (last && column === piece.length));
      rows.push({ text: piece, cursorColumn: holdsCursor ? column : undefined });
      offset += piece.length;
    });
    offset += 1;
  }
  const cursorRow = Math.max(0, rows.findIndex((row) => row.cursorColumn !== undefined));
  const first = Math.max(0, cursorRow - height + 1);
  const shown = rows.slice(first, first + height);
  return (
    <Box flexDirection="column" height={height}>
      {shown.map((row, index) =>
        row.cursorColumn === undefined ? (
          <Text key={index}>{row.text === '' ? ' ' : row.text}</Text>
        ) : (
          <Text key={index}>
            {row.text.slice(0, row.cursorColumn)}
            <Text inverse>{row.text[row.cursorColumn] ?? ' '}</Text>
            {row.text.slice(row.cursorColumn + 1)}
          </Text>
        ),
      )}
    </Box>
  );
}
