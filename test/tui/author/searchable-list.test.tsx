import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { retail } from '../../../domains/retail/index.ts';
import type { Domain } from '../../../src/domain-kit/index.ts';
import { filterItems } from '../../../src/tui/author/list-search.ts';
import { SearchableList } from '../../../src/tui/author/searchable-list.tsx';
import { ToolPicker } from '../../../src/tui/author/tool-picker.tsx';
import { frameFits, keys, press, settle, type } from './terminal-keys.ts';

afterEach(() => cleanup());

const items = Array.from({ length: 40 }, (_, index) => ({ key: `item-${index}`, label: `item-${String(index).padStart(2, '0')}`, searchText: `item-${index}` }));
const selectedRow = (frame: string) => frame.split('\n').find((line) => line.startsWith('> '));

describe('the author pickers at 80x24', () => {
  it('moves one row per key of a burst: 8 Down keys sent at once select the 9th row', async () => {
    const picked: string[] = [];
    const terminal = render(<SearchableList title="pick" items={items} height={18} width={80} onSelect={(key) => picked.push(key)} />);
    await settle();
    terminal.stdin.write(keys.down.repeat(8));
    await settle();
    expect(selectedRow(terminal.lastFrame() ?? '')).toBe('> item-08');
    // And a burst up, then enter, in one write.
    terminal.stdin.write(`${keys.up.repeat(3)}`);
    await settle();
    await press(terminal, keys.enter);
    expect(picked).toEqual(['item-5']);
    expect(frameFits(terminal.lastFrame() ?? '', 80, 24)).toBe(true);
  });

  it('ranks name matches above description matches: typing "return" selects the return tool', async () => {
    const picked: string[] = [];
    const terminal = render(<ToolPicker domain={retail as unknown as Domain} size={{ columns: 80, rows: 24 }} onPick={(name) => picked.push(name)} onCancel={() => undefined} />);
    await settle();
    await type(terminal, 'return');
    const frame = terminal.lastFrame() ?? '';
    expect(selectedRow(frame)).toMatch(/^> return_delivered_order_items \(write\)/);
    expect(frameFits(frame, 80, 24)).toBe(true);
    for (const line of frame.split('\n')) expect(Array.from(line).length, line).toBeLessThanOrEqual(80);
    await press(terminal, keys.enter);
    expect(picked).toEqual(['return_delivered_order_items']);
  });

  it('keeps the items\' order within names that start with the query, names that hold it, and the rest', () => {
    const tools = [
      { key: 'a', label: 'cancel_order', searchText: 'cancel_order refunds a return' },
      { key: 'b', label: 'order_return', searchText: 'order_return' },
      { key: 'c', label: 'return_items', searchText: 'return_items' },
      { key: 'd', label: 'think', searchText: 'think' },
    ];
    expect(filterItems(tools, 'return').map((tool) => tool.key)).toEqual(['c', 'b', 'a']);
    expect(filterItems(tools, '').map((tool) => tool.key)).toEqual(['a', 'b', 'c', 'd']);
  });
});
