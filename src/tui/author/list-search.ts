/** One row of a searchable list: what it shows and the text a query is matched against. */
export interface SearchItem {
  key: string;
  label: string;
  /** A second, dimmer part of the row (a description, an email). */
  detail?: string;
  searchText: string;
}

/** The items whose search text contains every word of the query (case-insensitive), in their order. */
export function filterItems<T extends SearchItem>(items: readonly T[], query: string): T[] {
  const words = query.toLowerCase().split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return [...items];
  return items.filter((item) => {
    const text = item.searchText.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

/** The first index of a window of `size` rows over `total` that keeps `selected` visible, centred where it can. */
export function windowStart(total: number, size: number, selected: number): number {
  if (total <= size) return 0;
  return Math.max(0, Math.min(selected - Math.floor(size / 2), total - size));
}
