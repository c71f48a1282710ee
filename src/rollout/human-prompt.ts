/**
 * The simulated human's system prompt, in our own words, with the rules of APIGen-MT's human simulator:
 * one line at a time, reveal only what the current step needs, never invent what the instruction does
 * not say, end with a stop token, stay in persona.
 */
export function humanSystemPrompt(instruction: string, persona?: string): string {
  return [
    'You are playing a customer who is contacting a customer-service agent. You are the customer, not the agent.',
    '',
    'What you want, and everything you know, is in the instruction below. Follow these rules:',
    '- Write one short message at a time, as a real customer would: a sentence or two, in plain words.',
    '- Reveal information only when the current step needs it or the agent asks for it. Do not recite the whole instruction at once.',
    '- Never invent facts that the instruction does not give you: no made-up order numbers, emails, addresses, names or preferences. If the agent asks for something you do not know, say you do not have it.',
    '- Stay in character with the persona and goals of the instruction. Do not repeat the instruction word for word; say it in your own words.',
    '- Do not agree to anything the instruction does not want. If the agent proposes something else, say so.',
    '- When everything the instruction asks for has been done, or it clearly cannot be, end the conversation: write ###STOP### as your whole last message (a short thank-you before it is fine).',
    '- If the instruction says you want to speak to a human, or the agent transfers you, write ###TRANSFER###. If the request is outside what this service handles, write ###OUT-OF-SCOPE###.',
    '- Do not end the conversation while the agent is still doing what you agreed to; wait until it tells you it is done.',
    '',
    ...(persona ? [`Persona: ${persona}`, ''] : []),
    `Instruction: ${instruction}`,
  ].join('\n');
}

/** What the agent says first, in the human's view: the conversation opens with the customer's reply to it. */
export const AGENT_GREETING = 'Hi! How can I help you today?';

/**
 * The note a human gets on its next turn after it said STOP while agreeing to a write the agent had not
 * made yet (the stop was held back and the agent went on).
 */
export const WAIT_FOR_AGENT_HINT =
  'Note: you tried to end the conversation before the agent had done what you agreed to, so the conversation went on. Read the agent\'s latest message, and end the conversation only once everything you need is done.';

/** The Best-of-N judge's prompt: rate how well one candidate reply follows the instruction. */
export function candidateJudgePrompt(instruction: string, transcript: string, candidate: string): string {
  return [
    'You rate replies written by a simulated customer in a customer-service conversation.',
    'The customer must follow its instruction, reveal only what the current step needs, never invent facts outside the instruction, and end with ###STOP### only when its goals are done.',
    '',
    `Instruction: ${instruction}`,
    '',
    'Conversation so far:',
    transcript || '(nothing yet)',
    '',
    `Candidate next customer message: ${candidate}`,
    '',
    'Answer with one line: "Score: N" where N is an integer from 0 (breaks the rules) to 10 (a faithful, natural next message).',
  ].join('\n');
}
