import stringWidth from 'string-width';

/**
 * Plain-text layout for a fixed-width terminal: every function counts terminal columns (a CJK character or an
 * emoji takes two), so no line ever wraps and pushes the screen down.
 */

const ELLIPSIS = '…';

/** Tabs as two spaces, other control characters dropped: what a terminal would otherwise expand or act on. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\t/g, '  ').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/** How many terminal columns the text takes. */
export const displayWidth = (text: string) => stringWidth(text);

/** The longest start of `characters` that fits `width` columns. */
function fitStart(characters: readonly string[], width: number): string {
  let used = 0;
  let end = 0;
  while (end < characters.length) {
    const next = stringWidth(characters[end] as string);
    if (used + next > width) break;
    used += next;
    end++;
  }
  return characters.slice(0, end).join('');
}

/** Collapses newlines and runs of whitespace into single spaces, for one-line summaries. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The text (made printable) cut to at most `width` columns, ending in … when something was cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  const clean = printable(text);
  if (stringWidth(clean) <= width) return clean;
  return `${fitStart(Array.from(clean), width - 1)}${ELLIPSIS}`;
}

/** The text cut or padded with spaces to exactly `width` columns. */
export function fitTo(text: string, width: number): string {
  const cut = truncate(text, width);
  return cut + ' '.repeat(Math.max(0, width - stringWidth(cut)));
}

/**
 * A rollout's name `<blueprint>#<trial>` in at most `width` columns: the blueprint id is cut in its middle,
 * never the `#trial` suffix, so rows of one blueprint stay apart (`retail-canc…ding-order#2`).
 */
export function rolloutName(blueprintId: string, attempt: number, width: number): string {
  const suffix = `#${attempt}`;
  const full = `${blueprintId}${suffix}`;
  if (stringWidth(full) <= width) return full;
  const room = width - stringWidth(suffix) - 1;
  if (room < 2) return truncate(suffix, width);
  const characters = Array.from(blueprintId);
  const head = fitStart(characters, Math.ceil(room / 2));
  const tail = Array.from(fitStart([...characters].reverse(), Math.floor(room / 2))).reverse().join('');
  return `${head}${ELLIPSIS}${tail}${suffix}`;
}

/**
 * Where to break a line of `width` characters: at its last space, unless the word after that space would not fit
 * a whole line either (a tool call's JSON, a URL): moving it down would only leave a stub behind (`  →` alone on
 * a line), so the line is filled and the word cut at the width.
 */
function breakAt(characters: readonly string[], width: number, restWidth: number): number {
  const cut = characters.lastIndexOf(' ', width);
  if (cut <= 0) return width;
  const nextSpace = characters.indexOf(' ', cut + 1);
  const wordLength = (nextSpace < 0 ? characters.length : nextSpace) - cut - 1;
  return wordLength > restWidth ? width : cut;
}

/** One paragraph broken into lines, at spaces where it can: the first at most `firstWidth` characters, the others `restWidth`. */
function wrapParagraph(paragraph: string, firstWidth: number, restWidth: number): string[] {
  const lines: string[] = [];
  let rest = Array.from(paragraph.replace(/\s+$/, ''));
  for (let width = firstWidth; rest.length > width; width = restWidth) {
    const cut = breakAt(rest, width, restWidth);
    lines.push(rest.slice(0, cut).join('').trimEnd());
    rest = rest.slice(cut);
    while (rest[0] === ' ') rest = rest.slice(1);
  }
  lines.push(rest.join(''));
  return lines;
}

/**
 * Text broken into lines of at most `width` characters: at its own newlines, then at spaces. Every
 * line but the very first starts with `indent` (counted in the width).
 */
export function wrapText(text: string, width: number, indent = ''): string[] {
  const usable = Math.max(1, width - indent.length);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    const first = lines.length === 0;
    const pieces = wrapParagraph(paragraph, first ? Math.max(1, width) : usable, usable);
    pieces.forEach((piece, index) => lines.push(first && index === 0 ? piece : `${indent}${piece}`));
  }
  return lines;
}

/** A count with a k/M suffix: 950, 12.3k, 1.23M. */
export function compactNumber(value: number): string {
  if (value < 1000) return String(Math.round(value));
  if (value < 1_000_000) return `${(value / 1000).toFixed(value < 10_000 ? 2 : 1)}k`;
  return `${(value / 1_000_000).toFixed(value < 10_000_000 ? 2 : 1)}M`;
}

/** A duration as 42s, 3m07s or 2h05m. */
export function formatDuration(milliseconds: number): string {
  const seconds = Math.max(0, Math.round(milliseconds / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
