import { z } from 'zod';

/**
 * The OpenAI chat-completions messages interplay sends and stores. Plain JSON data: trajectories
 * keep them as they are, and the schemas parse them back when a trajectory is read.
 */

/** One function call an assistant asked for. `arguments` is the raw JSON text the model wrote, unparsed. */
export const messageToolCallSchema = z.object({
  id: z.string(),
  type: z.literal('function'),
  function: z.object({ name: z.string(), arguments: z.string() }),
});

/**
 * Text the harness wrote, not a participant: `protocol` marks a note to the agent about its own protocol
 * mistake (an empty reply, text beside tool calls, a tool call written as text). Such messages are sent to
 * the agent (as user-role text by default, or system-role when asked), never shown to the simulated human,
 * never read as the human's words, and dropped by exports.
 */
export const harnessNoteSchema = z.enum(['protocol']);
export type HarnessNote = z.infer<typeof harnessNoteSchema>;

export const systemMessageSchema = z.object({ role: z.literal('system'), content: z.string(), note: harnessNoteSchema.optional() });

/** `reasoning`: the simulated human's thinking, when its model produced any (kept, never sent to the agent). */
export const userMessageSchema = z.object({ role: z.literal('user'), content: z.string(), note: harnessNoteSchema.optional(), reasoning: z.string().optional() });

/**
 * `content` is null when the assistant only called tools; `tool_calls` is absent when it called none.
 * `reasoning` is the model's thinking, separated from `content` before anything read the reply
 * (`<think>` blocks, `reasoning_content`, `reasoning`): kept for the record, never sent back to any model,
 * never shown to the other role. `toolCallsFromText` marks tool calls that the server left as text
 * (Hermes/Qwen `<tool_call>` blocks in `content`) and interplay parsed.
 */
export const assistantMessageSchema = z.object({
  role: z.literal('assistant'),
  content: z.string().nullable(),
  tool_calls: z.array(messageToolCallSchema).optional(),
  reasoning: z.string().optional(),
  toolCallsFromText: z.literal(true).optional(),
});

/** The result of one tool call, answering the assistant's call with the same id. */
export const toolMessageSchema = z.object({ role: z.literal('tool'), tool_call_id: z.string(), content: z.string() });

export const chatMessageSchema = z.discriminatedUnion('role', [systemMessageSchema, userMessageSchema, assistantMessageSchema, toolMessageSchema]);

export type MessageToolCall = z.infer<typeof messageToolCallSchema>;
export type SystemMessage = z.infer<typeof systemMessageSchema>;
export type UserMessage = z.infer<typeof userMessageSchema>;
export type AssistantMessage = z.infer<typeof assistantMessageSchema>;
export type ToolMessage = z.infer<typeof toolMessageSchema>;
export type ChatMessage = z.infer<typeof chatMessageSchema>;
