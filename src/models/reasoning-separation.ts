/**
 * The model's thinking, taken out of a reply before anything reads it. Servers send it three ways:
 * - as `<think>…</think>` text in `content`: llama.cpp without `--reasoning-format`, Ollama's raw models,
 *   vLLM without `--reasoning-parser`. Qwen3/DeepSeek-R1 templates that put the opening `<think>` in the
 *   prompt make the reply start with thinking and a lone `</think>`; a reply cut off while thinking has
 *   an opening tag and no closing one.
 * - as `reasoning_content` (vLLM with a reasoning parser, DeepSeek, llama.cpp with `--reasoning-format`);
 * - as `reasoning` (Ollama's and OpenRouter's OpenAI-compatible endpoints, recent vLLM).
 */

const openTag = '<think>';
const closeTag = '</think>';

/** A reply's content with its thinking taken out. */
export interface SeparatedThinking {
  content: string;
  /** The thinking, blocks joined by a blank line; undefined when there was none (or only empty blocks). */
  reasoning: string | undefined;
  /** Whether any think tag was found (an empty `<think></think>` block counts: it is still taken out). */
  found: boolean;
}

/**
 * Takes every `<think>` block out of `content`: a leading text closed by `</think>` with no opening tag
 * before it, each `<think>…</think>` block, and an unclosed `<think>` with everything after it. The content
 * left is trimmed when anything was taken out; otherwise it is returned exactly as it was.
 */
export function separateThinking(content: string): SeparatedThinking {
  const thoughts: string[] = [];
  let rest = content;
  const firstClose = rest.indexOf(closeTag);
  const firstOpen = rest.indexOf(openTag);
  if (firstClose !== -1 && (firstOpen === -1 || firstClose < firstOpen)) {
    thoughts.push(rest.slice(0, firstClose));
    rest = rest.slice(firstClose + closeTag.length);
  }
  let kept = '';
  for (;;) {
    const open = rest.indexOf(openTag);
    if (open === -1) {
      kept += rest;
      break;
    }
    kept += rest.slice(0, open);
    const close = rest.indexOf(closeTag, open + openTag.length);
    if (close === -1) {
      // The reply ended while the model was still thinking.
      thoughts.push(rest.slice(open + openTag.length));
      break;
    }
    thoughts.push(rest.slice(open + openTag.length, close));
    rest = rest.slice(close + closeTag.length);
  }
  if (thoughts.length === 0) return { content, reasoning: undefined, found: false };
  return { content: kept.trim(), reasoning: joinThoughts(thoughts), found: true };
}

/** Non-empty pieces of thinking, trimmed, each once, joined by a blank line; undefined when none is left. */
export function joinThoughts(pieces: readonly (string | undefined | null)[]): string | undefined {
  const kept: string[] = [];
  for (const piece of pieces) {
    const trimmed = piece?.trim();
    if (trimmed && !kept.includes(trimmed)) kept.push(trimmed);
  }
  return kept.length > 0 ? kept.join('\n\n') : undefined;
}
