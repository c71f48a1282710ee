import type { ChatModel, ChatRequest, ChatResponse } from '../../models/index.ts';
import { asksForConfirmation } from '../pending-write.ts';
import { pick, seededRandom } from './seeded-random.ts';

/**
 * OFFLINE POLICY — not a model. A deterministic, seeded stand-in for the simulated human, so the
 * whole pipeline runs with no model at all (the demo, the tests). It plugs in where a human model
 * would (behind `createModelHuman`), sees exactly what a human model sees, and follows a script:
 * opens with its instruction in the first person, answers identification questions from the
 * instruction, agrees to confirmations, and says ###STOP### when the agent offers more help.
 */
export interface ScriptedHumanOptions {
  instruction: string;
  seed: number;
  /**
   * Reproduce the known simulator failure: say STOP in the same message that agrees to a write.
   * Used to show the rollout machine holding such a stop back.
   */
  stopsWhileAgreeing?: boolean;
}

const firstPerson: Array<[RegExp, string]> = [
  [/\bYou are\b/g, 'I am'],
  [/\byou are\b/g, 'I am'],
  [/\bYou're\b/g, "I'm"],
  [/\byou're\b/g, "I'm"],
  [/\bYou've\b/g, "I've"],
  [/\byou've\b/g, "I've"],
  [/\bYou'd\b/g, "I'd"],
  [/\byou'd\b/g, "I'd"],
  [/\bYou'll\b/g, "I'll"],
  [/\byou'll\b/g, "I'll"],
  [/\bYourself\b/g, 'Myself'],
  [/\byourself\b/g, 'myself'],
  [/\bYour\b/g, 'My'],
  [/\byour\b/g, 'my'],
  [/\b(to|for|with|at|from|about|give|send|tell|help|let|call|contact|ask|show|sent|told|asked)\s+you\b/gi, '$1 me'],
  [/\bYou\b/g, 'I'],
  [/\byou\b/g, 'I'],
];

/** The instruction turned from "you" to "I", as the user would say it. */
export function inFirstPerson(instruction: string): string {
  return firstPerson.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), instruction);
}

const sentences = (text: string) => text.match(/[^.!?]+[.!?]*/g)?.map((sentence) => sentence.trim()) ?? [];
const identityPattern = /\b(name is|e-?mail|zip|user id|user_id|date of birth)\b/i;
const identityRequest = /\b(e-?mail|zip|postal|user id|full name|your name|identify|authenticate|verify|date of birth)\b/i;
const moreHelpOffer = /\b(anything else|something else|any other|further assistance|help you with today\?)\b/i;

export class ScriptedHuman implements ChatModel {
  readonly id = 'offline:scripted-human';

  constructor(private readonly options: ScriptedHumanOptions) {}

  async complete(request: ChatRequest): Promise<ChatResponse> {
    request.signal?.throwIfAborted();
    return { message: { role: 'assistant', content: this.nextLine(request) }, model: this.id, finishReason: 'stop' };
  }

  private nextLine(request: ChatRequest): string {
    const own = request.messages.filter((message) => message.role === 'assistant').length;
    const random = seededRandom(this.options.seed * 7919 + own);
    if (own === 0) return `${pick(random, ['Hi!', 'Hello.', 'Hi there.'])} ${inFirstPerson(this.options.instruction)}`;
    const agentText = [...request.messages].reverse().find((message) => message.role === 'user')?.content ?? '';
    if (moreHelpOffer.test(agentText) && !asksForConfirmation(agentText)) return `${pick(random, ["No, that's all.", 'Nothing else, thanks.', "That's everything."])} ###STOP###`;
    if (asksForConfirmation(agentText)) {
      const yes = pick(random, ['Yes, please go ahead.', 'Yes, I confirm.', 'Yes, please proceed.']);
      return this.options.stopsWhileAgreeing ? `${yes} Thanks! ###STOP###` : yes;
    }
    if (identityRequest.test(agentText)) {
      const identity = sentences(this.options.instruction).filter((sentence) => identityPattern.test(sentence));
      return identity.length > 0 ? inFirstPerson(identity.join(' ')) : "Sorry, I don't have that information.";
    }
    // Nothing the script knows how to answer: acknowledge, and give up after three such turns.
    const lastUserTurns = request.messages.filter((message) => message.role === 'assistant').slice(-3);
    if (lastUserTurns.length === 3 && lastUserTurns.every((message) => message.content?.startsWith('Okay'))) return '###STOP###';
    return pick(random, ['Okay, thank you.', 'Okay.', 'Okay, I see.']);
  }
}

