/** Text being edited and where its cursor is (an index into `text`, 0..text.length). */
export interface TextBuffer {
  text: string;
  cursor: number;
}

/** The parts of ink's `Key` that text editing reads. */
export interface EditKey {
  leftArrow?: boolean;
  rightArrow?: boolean;
  upArrow?: boolean;
  downArrow?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  backspace?: boolean;
  delete?: boolean;
  ctrl?: boolean;
  meta?: boolean;
  tab?: boolean;
  escape?: boolean;
}

export const textBuffer = (text: string): TextBuffer => ({ text, cursor: text.length });

const lineStart = (text: string, cursor: number) => text.lastIndexOf('\n', cursor - 1) + 1;
const lineEnd = (text: string, cursor: number) => {
  const next = text.indexOf('\n', cursor);
  return next === -1 ? text.length : next;
};

/** The cursor moved one line up or down, keeping its column where the target line is long enough. */
function verticalMove(buffer: TextBuffer, direction: -1 | 1): TextBuffer {
  const { text, cursor } = buffer;
  const start = lineStart(text, cursor);
  const column = cursor - start;
  if (direction < 0) {
    if (start === 0) return { text, cursor: 0 };
    const previousStart = lineStart(text, start - 1);
    return { text, cursor: Math.min(previousStart + column, start - 1) };
  }
  const end = lineEnd(text, cursor);
  if (end === text.length) return { text, cursor: text.length };
  return { text, cursor: Math.min(end + 1 + column, lineEnd(text, end + 1)) };
}

const insert = (buffer: TextBuffer, typed: string): TextBuffer => ({
  text: buffer.text.slice(0, buffer.cursor) + typed + buffer.text.slice(buffer.cursor),
  cursor: buffer.cursor + typed.length,
});

/**
 * Applies one keypress to a text buffer. Returns the new buffer, or undefined when the key is not a
 * text-editing key (so the screen can use it: enter in a one-line field, arrows up and down, escape...).
 * Terminals send DEL for the backspace key, which ink names `delete`: both erase the character before the cursor.
 */
export function editText(buffer: TextBuffer, input: string, key: EditKey, multiLine: boolean): TextBuffer | undefined {
  const { text, cursor } = buffer;
  if (key.escape || key.tab) return undefined;
  if (key.backspace || key.delete) {
    if (cursor === 0) return buffer;
    return { text: text.slice(0, cursor - 1) + text.slice(cursor), cursor: cursor - 1 };
  }
  if (key.leftArrow) return { text, cursor: Math.max(0, cursor - 1) };
  if (key.rightArrow) return { text, cursor: Math.min(text.length, cursor + 1) };
  if (key.home || (key.ctrl && input === 'a')) return { text, cursor: multiLine ? lineStart(text, cursor) : 0 };
  if (key.end || (key.ctrl && input === 'e')) return { text, cursor: multiLine ? lineEnd(text, cursor) : text.length };
  if (key.ctrl && input === 'u') return multiLine ? { text: text.slice(0, lineStart(text, cursor)) + text.slice(cursor), cursor: lineStart(text, cursor) } : { text: text.slice(cursor), cursor: 0 };
  if (key.upArrow || key.downArrow) return multiLine ? verticalMove(buffer, key.upArrow ? -1 : 1) : undefined;
  if (key.return) return multiLine ? insert(buffer, '\n') : undefined;
  if (key.ctrl || key.meta || input === '') return undefined;
  const typed = multiLine ? input.replace(/\r\n?/g, '\n') : input.replace(/[\r\n]+/g, ' ');
  return insert(buffer, typed);
}
