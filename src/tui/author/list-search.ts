/** One row of a searchable list: what it shows and the text a query is matched against. */
export interface SearchItem {
  key: string;
  label: string;
  /** A second, dimmer part of the row (a description, an email). */
  detail?: string;
  searchText: string;
}

/**
 * How well an item's name (its label) answers the query: 0 when the name starts with the first word and holds
 * every word, 1 when it holds every word, 2 when only the rest of its search text does.
 */
function nameRank(item: SearchItem, words: readonly string[]): number {
  const name = item.label.toLowerCase();
  if (!words.every((word) => name.includes(word))) return 2;
  return name.startsWith(words[0] as string) ? 0 : 1;
}

/**
 * The items whose search text contains every word of the query (case-insensitive): those whose name matches
 * first (names starting with the query before the rest), then those matched by their description or details,
 * each group in the items' order. Typing `return` puts `return_delivered_order_items` above tools that only
 * mention returns.
 */
export function filterItems<T extends SearchItem>(items: readonly T[], query: string): T[] {
  const words = query.toLowerCase().split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return [...items];
  const matching = items.filter((item) => {
    const text = item.searchText.toLowerCase();
    return words.every((word) => text.includes(word));
  });
  const ranks = new Map(matching.map((item) => [item, nameRank(item, words)]));
  return matching.sort((left, right) => (ranks.get(left) as number) - (ranks.get(right) as number));
}

/** The first index of a window of `size` rows over `total` that keeps `selected` visible, centred where it can. */
export function windowStart(total: number, size: number, selected: number): number {
  if (total <= size) return 0;
  return Math.max(0, Math.min(selected - Math.floor(size / 2), total - size));
}
