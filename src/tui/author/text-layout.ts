/** Plain-text helpers for a fixed-width terminal (lengths in UTF-16 units, which is what the data holds). */

/** Newlines and runs of whitespace collapsed into single spaces. */
export const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The text cut to at most `width` characters, ending in … when something was cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** The text cut or padded to exactly `width` characters. */
export const fitTo = (text: string, width: number): string => truncate(text, width).padEnd(width);

/** Lines cut into rows of at most `width` characters (hard breaks, so a cursor maps to one row and column). */
export function hardWrap(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const rows: string[] = [];
  for (let start = 0; start < line.length; start += width) rows.push(line.slice(start, start + width));
  return rows;
}

/** At most `limit` lines; when some are left off, the last one says how many. */
export function clip(lines: readonly string[], limit: number, more = (count: number) => `… ${count} more line(s)`): string[] {
  if (lines.length <= limit) return [...lines];
  if (limit <= 0) return [];
  return [...lines.slice(0, limit - 1), more(lines.length - limit + 1)];
}
