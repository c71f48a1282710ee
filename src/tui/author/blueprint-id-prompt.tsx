import { Box, Text } from 'ink';
import { useState } from 'react';
import { checkBlueprintId } from './author-model.ts';
import { HelpLine } from './help-line.tsx';
import { useScreenKeys } from './screen-keys.tsx';
import { editText, textBuffer } from './text-editing.ts';
import { TextField } from './text-field.tsx';
import type { TerminalSize } from './terminal-size.ts';

interface BlueprintIdPromptProps {
  initialId: string;
  /** Where the file will go, to show next to the id: `blueprints/retail/`. */
  folder: string;
  size: TerminalSize;
  onDone(id: string): void;
  onCancel(): void;
}

/** Asks for the blueprint's id: a slug the blueprint schema accepts (letters, digits, dot, underscore, dash). */
export function BlueprintIdPrompt({ initialId, folder, size, onDone, onCancel }: BlueprintIdPromptProps) {
  const [buffer, setBuffer] = useState(() => textBuffer(initialId));
  const [problem, setProblem] = useState<string | undefined>(undefined);
  useScreenKeys((input, key) => {
    if (key.escape) return onCancel();
    if (key.return) {
      const id = buffer.text.trim();
      const found = checkBlueprintId(id);
      if (found) return setProblem(found);
      return onDone(id);
    }
    setBuffer((current) => editText(current, input, key, false) ?? current);
    setProblem(undefined);
  });
  return (
    <Box flexDirection="column" width={size.columns}>
      <Text bold>Blueprint id</Text>
      <Text dimColor wrap="truncate-end">{`saved as ${folder}<id>.json · letters, digits, dot, underscore and dash, e.g. retail-cancel-two-orders`}</Text>
      <Box>
        <Text color="cyan">id: </Text>
        <TextField buffer={buffer} active width={size.columns - 5} />
      </Box>
      <Text color="red">{problem ? `✗ ${problem}` : ' '}</Text>
      <HelpLine keys={['enter keep', 'esc cancel']} />
    </Box>
  );
}
