import { Text } from 'ink';
import type { LiveViewMode } from './live-view-model.ts';
import { truncate } from './text-layout.ts';

/** The keys that work right now, on the last line. */
export function KeyHelp({ mode, width, interactive, position = '', runOver = false }: { mode: LiveViewMode; width: number; interactive: boolean; position?: string; runOver?: boolean }) {
  const browse = mode === 'list' ? '↑↓ select · enter/→ open' : '↑↓ scroll · pgup/pgdn · esc/← back';
  const keys = !interactive ? 'no keyboard (stdin is not a terminal)' : runOver ? `run finished: keep browsing · ${browse} · q leave` : `${browse} · q quit`;
  return <Text dimColor wrap="truncate-end">{truncate(position ? `${keys} · ${position}` : keys, width)}</Text>;
}
