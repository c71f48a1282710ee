/**
 * How an expected output is looked for in a text. Both rules build the searched text once (one normalised
 * text per trajectory), so checking many outputs costs about the size of the text plus the outputs.
 *
 * - `token` (the default): the output matches on token boundaries, case-insensitive. A token is a run of
 *   letters, digits and underscores; a decimal point between digits stays inside the token ("423.50").
 *   Before tokenising, a comma between digits is removed only when it is a thousands separator ("1,234" is
 *   1234; "4,23" stays two numbers, 4 and 23), and a decimal's trailing zeros are dropped ("423.50" is
 *   423.5, "423.00" is 423). So a number never matches inside a longer number ("423" is not in "14230",
 *   nor in "423.50", nor in "0.423"), and punctuation or spacing between the output's words is not
 *   compared ("New York" matches "new-york").
 * - `tau-bench`: tau-bench's exact rule: the lower-cased output is a substring of a message lower-cased
 *   with its commas removed.
 */
export type OutputsMatchRule = 'token' | 'tau-bench';

export const outputsMatchRules = ['token', 'tau-bench'] as const satisfies readonly OutputsMatchRule[];

/** Looks outputs up in one text (or a list of texts) normalised once. */
export interface OutputsIndex {
  contains(output: string): boolean;
  /** The outputs found, for many at once (what grading asks). */
  found(outputs: readonly string[]): Set<string>;
}

const THOUSANDS = /(?<![\d.])\d{1,3}(?:,\d{3})+(?![\d]|,\d)/g;
const TOKEN = /[\p{L}\p{M}\p{N}_]+(?:(?<=\d)\.\d+)*/gu;
const DECIMAL = /^(\d+)\.(\d+)$/;

/** A decimal without its trailing zeros ("423.50" -> "423.5", "423.00" -> "423"); any other token as it is. */
function canonicalToken(token: string): string {
  const decimal = DECIMAL.exec(token);
  if (!decimal) return token;
  const fraction = (decimal[2] as string).replace(/0+$/, '');
  return fraction === '' ? (decimal[1] as string) : `${decimal[1]}.${fraction}`;
}

/** The text's tokens, in order, as the token rule compares them. */
export function outputTokens(text: string): string[] {
  const withoutThousands = text.toLowerCase().replace(THOUSANDS, (number) => number.replaceAll(',', ''));
  return (withoutThousands.match(TOKEN) ?? []).map(canonicalToken);
}

/** Texts are joined with a character no output contains, so no match spans two messages. */
const SEPARATOR = '\u0000';

class TokenIndex implements OutputsIndex {
  readonly #tokens: string[] = [];
  /** Where each token occurs (indexes into #tokens): the rarest token of an output anchors its search. */
  readonly #positions = new Map<string, number[]>();
  readonly #lowerText: string;

  constructor(texts: readonly string[]) {
    for (const text of texts) {
      for (const token of outputTokens(text)) {
        const list = this.#positions.get(token);
        if (list) list.push(this.#tokens.length);
        else this.#positions.set(token, [this.#tokens.length]);
        this.#tokens.push(token);
      }
      // A message boundary is a token no output can have, so a match never spans two messages.
      this.#tokens.push(SEPARATOR);
    }
    this.#lowerText = texts.map((text) => text.toLowerCase()).join(SEPARATOR);
  }

  contains(output: string): boolean {
    const wanted = outputTokens(output);
    // An output with no letters or digits at all ("$", ""): compare its text as it is.
    if (wanted.length === 0) return this.#tokens.length > 0 && this.#lowerText.includes(output.toLowerCase());
    let anchor = 0;
    let anchorPositions: number[] | undefined;
    for (let index = 0; index < wanted.length; index++) {
      const positions = this.#positions.get(wanted[index] as string);
      if (!positions) return false;
      if (!anchorPositions || positions.length < anchorPositions.length) {
        anchor = index;
        anchorPositions = positions;
      }
    }
    return (anchorPositions as number[]).some((position) => {
      const start = position - anchor;
      if (start < 0) return false;
      for (let index = 0; index < wanted.length; index++) if (this.#tokens[start + index] !== wanted[index]) return false;
      return true;
    });
  }

  found(outputs: readonly string[]): Set<string> {
    return new Set(outputs.filter((output) => this.contains(output)));
  }
}

const HASH_BASE = 131;
const HASH_MODULUS = 1_000_000_007;

/**
 * Which of `needles` occur in `text`, with one rolling-hash scan of the text per distinct needle length (a
 * hash hit is confirmed by comparing the text): linear in the text for each length, instead of one scan
 * per needle. 100,000 outputs of a few dozen lengths cost a few dozen scans.
 */
function substringsFound(text: string, needles: readonly string[]): Set<string> {
  const found = new Set<string>();
  const byLength = new Map<number, Map<number, string[]>>();
  for (const needle of new Set(needles)) {
    if (needle.length === 0 || needle.length > text.length) {
      if (needle.length === 0) found.add(needle);
      continue;
    }
    let hash = 0;
    for (let index = 0; index < needle.length; index++) hash = (hash * HASH_BASE + needle.charCodeAt(index)) % HASH_MODULUS;
    const buckets = byLength.get(needle.length) ?? new Map<number, string[]>();
    buckets.set(hash, [...(buckets.get(hash) ?? []), needle]);
    byLength.set(needle.length, buckets);
  }
  for (const [length, buckets] of byLength) {
    let highest = 1;
    for (let index = 1; index < length; index++) highest = (highest * HASH_BASE) % HASH_MODULUS;
    let hash = 0;
    for (let index = 0; index < text.length; index++) {
      if (index >= length) hash = (hash - ((text.charCodeAt(index - length) * highest) % HASH_MODULUS) + HASH_MODULUS) % HASH_MODULUS;
      hash = (hash * HASH_BASE + text.charCodeAt(index)) % HASH_MODULUS;
      if (index < length - 1) continue;
      const bucket = buckets.get(hash);
      if (!bucket) continue;
      const start = index - length + 1;
      const remaining = bucket.filter((needle) => !(text.startsWith(needle, start) && found.add(needle)));
      if (remaining.length === 0) buckets.delete(hash);
      else buckets.set(hash, remaining);
      if (buckets.size === 0) break;
    }
  }
  return found;
}

class TauBenchIndex implements OutputsIndex {
  readonly #text: string;
  /** No message at all: nothing is found, not even an empty output (tau-bench asks each message). */
  readonly #none: boolean;

  constructor(texts: readonly string[]) {
    this.#text = texts.map((text) => text.toLowerCase().replaceAll(',', '')).join(SEPARATOR);
    this.#none = texts.length === 0;
  }

  contains(output: string): boolean {
    return !this.#none && this.#text.includes(output.toLowerCase());
  }

  found(outputs: readonly string[]): Set<string> {
    if (this.#none) return new Set();
    const present = substringsFound(this.#text, outputs.map((output) => output.toLowerCase()));
    return new Set(outputs.filter((output) => present.has(output.toLowerCase())));
  }
}

/** An index over the texts for the rule: build it once, then ask about every output. */
export function outputsIndex(texts: readonly string[], rule: OutputsMatchRule = 'token'): OutputsIndex {
  return rule === 'tau-bench' ? new TauBenchIndex(texts) : new TokenIndex(texts);
}

/** Whether one output is in the texts under the rule (for one question; build `outputsIndex` for many). */
export function outputFound(output: string, texts: readonly string[], rule: OutputsMatchRule = 'token'): boolean {
  return outputsIndex(texts, rule).contains(output);
}
