import { Box, Text } from 'ink';
import { useState } from 'react';
import { HelpLine } from './help-line.tsx';
import { useScreenKeys } from './screen-keys.tsx';
import { editText, textBuffer } from './text-editing.ts';
import { MultiLineField } from './text-field.tsx';
import type { TerminalSize } from './terminal-size.ts';

interface TextEditorScreenProps {
  title: string;
  /** A line under the title saying what to write. */
  hint: string;
  initialText: string;
  size: TerminalSize;
  onDone(text: string): void;
  onCancel(): void;
}

/** A multi-line text editor (the instruction, the outputs): enter breaks the line, ctrl+s keeps the text, esc drops the edit. */
export function TextEditorScreen({ title, hint, initialText, size, onDone, onCancel }: TextEditorScreenProps) {
  const [buffer, setBuffer] = useState(() => textBuffer(initialText));
  useScreenKeys((input, key) => {
    if (key.escape) return onCancel();
    if (key.ctrl && input === 's') return onDone(buffer.text);
    setBuffer((current) => editText(current, input, key, true) ?? current);
  });
  return (
    <Box flexDirection="column" width={size.columns}>
      <Text bold>{title}</Text>
      <Text dimColor wrap="truncate-end">
        {hint}
      </Text>
      <Box borderStyle="round" borderColor="cyan" paddingX={1}>
        <MultiLineField buffer={buffer} width={size.columns - 4} height={size.rows - 7} />
      </Box>
      <HelpLine keys={['enter new line', '←→↑↓ move', 'ctrl+s done', 'esc cancel']} />
    </Box>
  );
}
