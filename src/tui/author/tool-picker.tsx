import { Box } from 'ink';
import type { Domain } from '../../domain-kit/index.ts';
import { HelpLine } from './help-line.tsx';
import { SearchableList } from './searchable-list.tsx';
import type { TerminalSize } from './terminal-size.ts';

interface ToolPickerProps {
  domain: Domain;
  size: TerminalSize;
  onPick(toolName: string): void;
  onCancel(): void;
}

/** Which tool the new action calls: the domain's tools, filtered by name or description as you type. */
export function ToolPicker({ domain, size, onPick, onCancel }: ToolPickerProps) {
  const items = domain.tools.map((tool) => ({ key: tool.name, label: `${tool.name} (${tool.kind})`, detail: tool.description, searchText: `${tool.name} ${tool.kind} ${tool.description}` }));
  return (
    <Box flexDirection="column" width={size.columns}>
      <SearchableList title={`interplay author · ${domain.name} · new action: pick a tool`} items={items} height={Math.max(3, size.rows - 5)} width={size.columns} onSelect={onPick} onCancel={onCancel} />
      <HelpLine keys={['type to filter', '↑↓ choose', 'enter pick', 'esc back']} />
    </Box>
  );
}
