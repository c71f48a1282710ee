import { describe, expect, test } from 'vitest';
import { editText, textBuffer } from '../../../src/tui/author/text-editing.ts';

describe('text editing keys', () => {
  test('typing inserts at the cursor; backspace (sent as DEL) erases before it; arrows move', () => {
    let buffer = textBuffer('helo');
    buffer = editText(buffer, '', { leftArrow: true }, false) ?? buffer;
    buffer = editText(buffer, 'l', {}, false) ?? buffer;
    expect(buffer).toEqual({ text: 'hello', cursor: 4 });
    buffer = editText(buffer, '', { delete: true }, false) ?? buffer;
    expect(buffer).toEqual({ text: 'helo', cursor: 3 });
    expect(editText({ text: 'x', cursor: 0 }, '', { backspace: true }, false)).toEqual({ text: 'x', cursor: 0 });
    expect(editText(buffer, '', { home: true }, false)).toEqual({ text: 'helo', cursor: 0 });
    expect(editText({ text: 'helo', cursor: 0 }, 'e', { ctrl: true }, false)).toEqual({ text: 'helo', cursor: 4 });
    expect(editText({ text: 'abc def', cursor: 4 }, 'u', { ctrl: true }, false)).toEqual({ text: 'def', cursor: 0 });
  });

  test('one-line fields leave enter, up and down to the screen and flatten pasted newlines', () => {
    const buffer = textBuffer('a');
    expect(editText(buffer, '', { return: true }, false)).toBeUndefined();
    expect(editText(buffer, '', { upArrow: true }, false)).toBeUndefined();
    expect(editText(buffer, '', { escape: true, meta: true }, false)).toBeUndefined();
    expect(editText(buffer, 's', { ctrl: true }, false)).toBeUndefined();
    expect(editText(buffer, 'b\r\nc', {}, false)).toEqual({ text: 'ab c', cursor: 4 });
  });

  test('multi-line text: enter breaks the line, up and down keep the column', () => {
    let buffer = textBuffer('first');
    buffer = editText(buffer, '', { return: true }, true) ?? buffer;
    buffer = editText(buffer, 'hi', {}, true) ?? buffer;
    expect(buffer).toEqual({ text: 'first\nhi', cursor: 8 });
    buffer = editText(buffer, '', { upArrow: true }, true) ?? buffer;
    expect(buffer.cursor).toBe(2);
    buffer = editText(buffer, '', { downArrow: true }, true) ?? buffer;
    expect(buffer.cursor).toBe(8);
    expect(editText({ text: 'abcdef\nxy', cursor: 5 }, '', { downArrow: true }, true)?.cursor).toBe(9);
    expect(editText({ text: 'a\r\nb', cursor: 0 }, 'x\r\ny', {}, true)).toEqual({ text: 'x\ny' + 'a\r\nb', cursor: 3 });
  });
});
