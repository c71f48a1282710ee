import type { ChatMessage, SystemMessage } from './chat-message.ts';

/** Distinct system texts a memo keeps; past it the oldest is let go (and made again if needed). */
const SYSTEM_TEXTS = 256;

/**
 * A text made from a message (its wire JSON, its canonical JSON), made once per message: a rollout sends
 * its earlier messages again on every call. Each rollout has its own copy of the system message but the
 * copies share their text (the domain's policy, the human's prompt), so a system message is looked up by
 * the key `systemKey` gives (its text; undefined to look it up as an object) in a bounded table — one text
 * per policy, not one per live rollout; any other message by the object itself, for as long as it lives.
 * Messages are never changed once made, which is what makes this safe. With `byObject: false` only system
 * texts are kept: for a caller that renders each other message once anyway.
 */
export function messageTextMemo(render: (message: ChatMessage) => string, systemKey: (message: SystemMessage) => string | undefined, options: { byObject?: boolean } = {}): (message: ChatMessage) => string {
  const byObject = options.byObject === false ? undefined : new WeakMap<ChatMessage, string>();
  const bySystemKey = new Map<string, string>();
  return (message) => {
    const key = message.role === 'system' ? systemKey(message) : undefined;
    if (key !== undefined) {
      let text = bySystemKey.get(key);
      if (text === undefined) {
        text = render(message);
        if (bySystemKey.size >= SYSTEM_TEXTS) bySystemKey.delete(bySystemKey.keys().next().value as string);
        bySystemKey.set(key, text);
      }
      return text;
    }
    if (byObject === undefined) return render(message);
    let text = byObject.get(message);
    if (text === undefined) byObject.set(message, (text = render(message)));
    return text;
  };
}
