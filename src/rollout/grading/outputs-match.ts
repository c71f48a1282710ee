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
    if (wanted.length === 0) return this.#lowerText.includes(output.toLowerCase());
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
}

class TauBenchIndex implements OutputsIndex {
  readonly #text: string;

  constructor(texts: readonly string[]) {
    this.#text = texts.map((text) => text.toLowerCase().replaceAll(',', '')).join(SEPARATOR);
  }

  contains(output: string): boolean {
    return this.#text.includes(output.toLowerCase());
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
