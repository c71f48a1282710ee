/**
 * The answer part of a model's reply text, its thinking left out. The model adapter separates
 * reasoning into `message.reasoning` before anything reads a reply; this is the defence for servers
 * that still leave `<think>…</think>` in `content`, where a draft JSON inside the thinking must never be
 * read as the answer.
 *
 * - every complete `<think>…</think>` span (also `<thinking>` and `<reasoning>`, any case) is dropped;
 * - a closing tag with no opening one (chat templates that open the block in the prompt) drops
 *   everything up to it;
 * - an opening tag that never closes (thinking cut off by the token limit) drops everything from it.
 */
const TAG = '(?:think|thinking|reasoning)';
const completeSpan = new RegExp(`<${TAG}>[\\s\\S]*?</${TAG}>`, 'gi');
const closingTag = new RegExp(`</${TAG}>`, 'gi');
const openingTag = new RegExp(`<${TAG}>`, 'i');

export function replyWithoutThinking(text: string): string {
  let answer = text.replace(completeSpan, '');
  let lastClosing = -1;
  for (const match of answer.matchAll(closingTag)) lastClosing = match.index + match[0].length;
  if (lastClosing !== -1) answer = answer.slice(lastClosing);
  const opening = answer.search(openingTag);
  if (opening !== -1) answer = answer.slice(0, opening);
  return answer.trim();
}
