import { describe, expect, it } from 'vitest';
import { indexErrorText, keyErrorText } from '../../../src/domain-kit/python/python-error-text.ts';

describe('Python error texts', () => {
  it('gives the text tau-bench shows for a KeyError: the key as repr() writes it', () => {
    expect(keyErrorText('ghost_user')).toBe("Error: 'ghost_user'");
    expect(keyErrorText('2024-05-16')).toBe("Error: '2024-05-16'");
    expect(keyErrorText("o'neil")).toBe(`Error: "o'neil"`);
  });

  it('gives the text tau-bench shows for an IndexError on an empty list', () => {
    expect(indexErrorText).toBe('Error: list index out of range');
  });
});
