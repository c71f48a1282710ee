import { Box, Text } from 'ink';
import type { BlueprintAction } from '../../blueprints/blueprint.ts';
import type { ToolExecution } from '../../domain-kit/index.ts';
import { asMeant, describeCall } from './action-text.ts';
import { windowStart } from './list-search.ts';
import { truncate } from './text-layout.ts';

interface ActionListProps {
  actions: readonly BlueprintAction[];
  results: readonly ToolExecution[];
  selected: number;
  height: number;
  width: number;
}

/** The actions, numbered, each with ✓ or ✗ for its live result; the selected one marked. Scrolls to the selection. */
export function ActionList({ actions, results, selected, height, width }: ActionListProps) {
  if (actions.length === 0) return <Text dimColor>  no actions yet: press a to add one</Text>;
  const start = windowStart(actions.length, height, selected);
  return (
    <Box flexDirection="column">
      {actions.slice(start, start + height).map((action, offset) => {
        const index = start + offset;
        const result = results[index];
        const chosen = index === selected;
        const expectation = action.expectError ? '[expect error] ' : '';
        return (
          <Text key={index} bold={chosen} color={chosen ? 'cyan' : undefined} wrap="truncate-end">
            {`${chosen ? '>' : ' '} ${String(index + 1).padStart(2)} `}
            <Text color={asMeant(action, result) ? 'green' : 'red'}>{result?.ok ? '✓' : '✗'}</Text>
            {` ${truncate(expectation + describeCall(action), width - 7)}`}
          </Text>
        );
      })}
    </Box>
  );
}
