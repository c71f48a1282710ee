import type { ChatMessage } from '../models/index.ts';

/**
 * Protocol notes: what the harness tells the agent about its own protocol mistakes. They are sent as
 * user-role text by default, so strict chat templates (Gemma, Mistral), which reject a system message in
 * mid-conversation, accept them; `system` keeps the older system-role form for servers that prefer it.
 * Either way the note is marked `note: 'protocol'`: never shown to the simulated human, never read as its
 * words, dropped by exports.
 */
export const protocolNoteRoles = ['user', 'system'] as const;
export type ProtocolNoteRole = (typeof protocolNoteRoles)[number];

export const PROTOCOL_NOTE_EMPTY = 'Protocol error: your last message had neither text nor tool calls. Reply to the user with text, or call a tool.';
export const PROTOCOL_NOTE_TEXT_WITH_TOOLS =
  'Protocol error: your last message had text for the user and tool calls together. The tool calls were run, but the text was not shown to the user. Send text and tool calls in separate messages.';
export const PROTOCOL_NOTE_TEXT_TOOL_CALL =
  'Protocol error: your last message looks like a tool call written as text. It was not run and not shown to the user. Call tools through the tool-calling interface, or reply to the user in plain text.';

/** A protocol note in the form asked for. */
export function protocolNote(text: string, role: ProtocolNoteRole): ChatMessage {
  return { role, content: text, note: 'protocol' };
}

/**
 * Whether the message at `index` is a protocol note: marked so, or (in version 1 trajectories, written
 * before the mark existed) any system message after the first. With the trajectory's `schemaVersion`
 * known and 2 or later, only the mark counts; unknown (a conversation being run), the version 1 rule
 * applies too, since every later system message there is a marked note anyway.
 */
export function isProtocolNote(message: ChatMessage, index: number, schemaVersion?: number): boolean {
  if (message.role === 'user') return message.note === 'protocol';
  return message.role === 'system' && (message.note === 'protocol' || (index > 0 && (schemaVersion === undefined || schemaVersion === 1)));
}

/**
 * The messages as the agent is sent them. Consecutive user-role messages (a human turn followed by a
 * protocol note, or two notes) are joined into one, separated by a blank line: strict templates insist
 * that user and assistant alternate. A user-role note right after tool results (text beside tool calls)
 * is joined to the last result the same way: those templates skip tool calls and their results, so the
 * note would otherwise be a second user turn after the human's. The stored conversation keeps them
 * apart, so a note can still be told from the human's words and dropped by an export.
 */
export function agentView(messages: readonly ChatMessage[]): ChatMessage[] {
  const view: ChatMessage[] = [];
  for (const message of messages) {
    const previous = view[view.length - 1];
    if (message.role === 'user' && previous?.role === 'user') view[view.length - 1] = { role: 'user', content: `${previous.content}\n\n${message.content}` };
    else if (message.role === 'user' && message.note === 'protocol' && previous?.role === 'tool') view[view.length - 1] = { ...previous, content: `${previous.content}\n\n${message.content}` };
    else view.push(message);
  }
  return view;
}
