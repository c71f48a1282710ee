/**
 * Python counts and orders strings by Unicode code point; JavaScript by UTF-16 unit. These differ
 * once a string holds a character outside the Basic Multilingual Plane (an emoji, say).
 */

/** Orders strings as Python's `sorted` does: by code point. */
export function compareCodePoints(left: string, right: string): number {
  const a = [...left];
  const b = [...right];
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const difference = (a[index] as string).codePointAt(0)! - (b[index] as string).codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

/** A sorted copy, as Python's `sorted(strings)`. */
export const sortedLikePython = (strings: readonly string[]): string[] => [...strings].sort(compareCodePoints);

/** Python's `text[-count:]`. */
export const lastCodePoints = (text: string, count: number): string => [...text].slice(-count).join('');
