import { Box } from 'ink';
import type { Domain } from '../../domain-kit/index.ts';
import { HelpLine } from './help-line.tsx';
import { SearchableList } from './searchable-list.tsx';
import type { TerminalSize } from './terminal-size.ts';

interface DomainPickerProps {
  domains: readonly Domain[];
  size: TerminalSize;
  onPick(domain: Domain): void;
  onCancel(): void;
}

/** The first screen when no domain was given: which domain the blueprint is for. */
export function DomainPicker({ domains, size, onPick, onCancel }: DomainPickerProps) {
  const items = domains.map((domain) => ({ key: domain.name, label: domain.name, detail: `${domain.tools.length} tools`, searchText: domain.name }));
  return (
    <Box flexDirection="column" width={size.columns}>
      <SearchableList
        title="interplay author · pick a domain"
        items={items}
        height={Math.max(3, size.rows - 5)}
        width={size.columns}
        onSelect={(name) => {
          const domain = domains.find((candidate) => candidate.name === name);
          if (domain) onPick(domain);
        }}
        onCancel={onCancel}
      />
      <HelpLine keys={['type to filter', '↑↓ choose', 'enter pick', 'esc quit']} />
    </Box>
  );
}
