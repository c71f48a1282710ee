/**
 * Joins the instructions of blueprints of one customer into one: the first is kept whole; from the
 * others the sentences that only repeat who the customer is or how they behave are left out, and
 * "You want" becomes "You also want", so the result reads as one person with several requests.
 */
const identitySentence = /\b(your name is|your email|your e-mail|your user id|zip code|you live in|in the conversation you are)\b/i;

/** Sentences end at . ! or ? followed by a space (so "88.67" and "#W123.4" stay whole). */
const sentences = (text: string) => text.split(/(?<=[.!?])\s+/).map((sentence) => sentence.trim()).filter((sentence) => sentence !== '');

export function joinInstructions(instructions: readonly string[]): string {
  const [first, ...others] = instructions;
  if (first === undefined) return '';
  const firstSentences = sentences(first);
  const persona = firstSentences.filter((sentence) => /^in the conversation you are\b/i.test(sentence));
  const parts = firstSentences.filter((sentence) => !persona.includes(sentence));
  for (const instruction of others) {
    for (const sentence of sentences(instruction)) {
      if (identitySentence.test(sentence) || parts.includes(sentence)) continue;
      parts.push(sentence.replace(/^You want\b/, 'You also want'));
    }
  }
  return [...parts, ...persona].join(' ');
}
