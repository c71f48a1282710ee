import type { ChatModel, ChatResponse } from '../../models/index.ts';
import { parseJsonReply, type JsonReplyParse } from '../json-object-extraction.ts';
import { revisionPrompt, type RevisionSubject } from './revision-prompt.ts';

/** The parts of a blueprint a revision replaces, as the generator wrote them (checked by stage 1, not here). */
export interface BlueprintRevision {
  thought?: unknown;
  instruction: unknown;
  actions: unknown;
  outputs: unknown;
}

export type RevisionAnswer = ({ ok: true; revision: BlueprintRevision } | { ok: false; problem: string }) & { response: ChatResponse };

const revisionFields = ['instruction', 'actions', 'outputs'] as const;

/**
 * Reads a generator's revision: the first JSON object in the reply that has `instruction`, `actions`
 * and `outputs`. Their types are left to the format stage, which names every problem by its path.
 */
export function parseRevision(text: string | null): JsonReplyParse<BlueprintRevision> {
  return parseJsonReply(text, (object) => {
    const missing = revisionFields.filter((field) => !(field in object));
    if (missing.length > 0) return { ok: false, problem: `the JSON object has no ${missing.map((field) => `"${field}"`).join(', ')}` };
    return { ok: true, value: { thought: object.thought, instruction: object.instruction, actions: object.actions, outputs: object.outputs } };
  });
}

/** Asks the generator to revise the blueprint from the feedback. An unusable reply is returned as a problem, not thrown. */
export async function requestRevision(model: ChatModel, subject: RevisionSubject, signal?: AbortSignal): Promise<RevisionAnswer> {
  const response = await model.complete({ messages: [{ role: 'user', content: revisionPrompt(subject) }], ...(signal ? { signal } : {}) });
  const parsed = parseRevision(response.message.content);
  return parsed.ok ? { ok: true, revision: parsed.value, response } : { ok: false, problem: parsed.problem, response };
}
