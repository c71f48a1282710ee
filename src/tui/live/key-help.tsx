import { Text } from 'ink';
import type { LiveViewMode } from './live-view-model.ts';
import { truncate } from './text-layout.ts';

/** The keys that work right now, on the last line. */
export function KeyHelp({ mode, width, interactive, position = '' }: { mode: LiveViewMode; width: number; interactive: boolean; position?: string }) {
  const keys = !interactive ? 'no keyboard (stdin is not a terminal)' : mode === 'list' ? '↑↓ select · enter/→ open · q quit' : '↑↓ scroll · pgup/pgdn · esc/← back · q quit';
  return <Text dimColor>{truncate(position ? `${keys} · ${position}` : keys, width)}</Text>;
}
