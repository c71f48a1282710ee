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

export const systemMessageSchema = z.object({ role: z.literal('system'), content: z.string() });

export const userMessageSchema = z.object({ role: z.literal('user'), content: z.string() });

/** `content` is null when the assistant only called tools; `tool_calls` is absent when it called none. */
export const assistantMessageSchema = z.object({
  role: z.literal('assistant'),
  content: z.string().nullable(),
  tool_calls: z.array(messageToolCallSchema).optional(),
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
