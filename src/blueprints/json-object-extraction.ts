/**
 * Models wrap the JSON they were asked for in prose or in ```json fences, sometimes with a second
 * object as an example. These helpers find every complete JSON object in a reply, in order of
 * appearance, without caring what surrounds it.
 */

/** Where the object that opens at `start` closes (string-aware brace matching), or -1 when it never does. */
function closingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index++) {
    const character = text[index];
    if (inString) {
      if (character === '\\') index++;
      else if (character === '"') inString = false;
      continue;
    }
    if (character === '"') inString = true;
    else if (character === '{') depth++;
    else if (character === '}' && --depth === 0) return index;
  }
  return -1;
}

/** Every top-level JSON object in `text` that parses, in order. Objects nested in a found one are not listed again. */
export function extractJsonObjects(text: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  let index = text.indexOf('{');
  while (index !== -1) {
    const end = closingBrace(text, index);
    let next = index + 1;
    if (end !== -1) {
      try {
        const value = JSON.parse(text.slice(index, end + 1)) as unknown;
        if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
          found.push(value as Record<string, unknown>);
          next = end + 1;
        }
      } catch {
        // Not JSON from this brace: try the next one (it may open the real object).
      }
    }
    index = text.indexOf('{', next);
  }
  return found;
}

export type JsonReplyParse<T> = { ok: true; value: T } | { ok: false; problem: string };

/**
 * The first JSON object of `text` that `parse` accepts (the last one with `prefer: 'last'`, for replies
 * whose final answer follows drafts). When none does, the problem of the object tried first (or that
 * there is none) is returned, phrased so it can be told to the model.
 */
export function parseJsonReply<T>(text: string | null, parse: (value: Record<string, unknown>) => JsonReplyParse<T>, options: { prefer?: 'first' | 'last' } = {}): JsonReplyParse<T> {
  if (text === null || text.trim() === '') return { ok: false, problem: 'the reply was empty' };
  const objects = extractJsonObjects(text);
  if (objects.length === 0) return { ok: false, problem: 'the reply contains no JSON object' };
  if (options.prefer === 'last') objects.reverse();
  let firstProblem: string | undefined;
  for (const object of objects) {
    const parsed = parse(object);
    if (parsed.ok) return parsed;
    firstProblem ??= parsed.problem;
  }
  return { ok: false, problem: firstProblem as string };
}
