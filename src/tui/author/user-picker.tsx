import { Box } from 'ink';
import { useMemo } from 'react';
import type { BaseState } from '../../domain-kit/index.ts';
import { HelpLine } from './help-line.tsx';
import { SearchableList } from './searchable-list.tsx';
import type { TerminalSize } from './terminal-size.ts';
import { listUsers } from './user-directory.ts';

interface UserPickerProps {
  domainName: string;
  base: BaseState;
  size: TerminalSize;
  onPick(userId: string): void;
  onCancel(): void;
}

/** Whose blueprint this is: every user of the data, filtered by id, name or email as you type. */
export function UserPicker({ domainName, base, size, onPick, onCancel }: UserPickerProps) {
  const users = useMemo(() => listUsers(base), [base]);
  return (
    <Box flexDirection="column" width={size.columns}>
      <SearchableList title={`interplay author · ${domainName} · pick a user`} items={users} height={Math.max(3, size.rows - 5)} width={size.columns} onSelect={onPick} onCancel={onCancel} />
      <HelpLine keys={['type id, name or email', '↑↓ choose', 'enter pick', 'esc back']} />
    </Box>
  );
}
