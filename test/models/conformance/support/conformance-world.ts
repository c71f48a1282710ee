import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import {
  conformanceHandler,
  startChatCompletionsServer,
  type ChatCompletionsServer,
  type ConformanceOptions,
  type ModelTurn,
  type ReceivedRequest,
} from '../../../../src/models/testing/index.ts';
import { failedJobRecordSchema, parseTrajectory } from '../../../../src/store/index.ts';

/**
 * The world of the end-to-end conformance matrix: one loopback conformance server per role, each
 * answering a sensible conversation about the shipped blueprint `retail-cancel-pending-order` (the human
 * asks to cancel, the agent identifies them, cancels, and offers more help, the human stops), with the
 * role's quirk on top. Every role has its own key, read by the CLI from an environment variable the test
 * sets, so a leak can be traced to the role it came from.
 */

export const BLUEPRINT = 'retail-cancel-pending-order';
const EMAIL = 'chet.klein5490@example.com';
const ORDER = '#W4049349';

/** Each role's secret key, and the variable holding it. */
export const secrets = {
  agent: 'sk-agent-CONFORMANCE-SECRET-1a2b3c4d5e',
  human: 'sk-human-CONFORMANCE-SECRET-6f7a8b9c0d',
  reviewer: 'sk-reviewer-CONFORMANCE-SECRET-2e3f4a5b',
} as const;
export const keyVariables = { agent: 'AGENT_KEY', human: 'HUMAN_KEY', reviewer: 'OPENAI_API_KEY' } as const;
export const childEnv = { [keyVariables.agent]: secrets.agent, [keyVariables.human]: secrets.human };

/**
 * Each role's thinking. Both hold a stop token and a review-shaped JSON: were thinking ever read as the
 * role's words, the conversation would end early (a human STOP before anything happened, or an
 * `agent-stop`), or a failing draft would be taken for a reviewer's answer.
 */
export const thinking = {
  agent: 'AGENT-PRIVATE-THOUGHT: maybe I should just say ###STOP### and be done.',
  human: 'HUMAN-PRIVATE-THOUGHT: I could say ###STOP### right away, but I want the order cancelled.',
  reviewer: 'REVIEWER-PRIVATE-THOUGHT: a first draft {"reflection": "draft", "correctness": 0, "completeness": 0, "satisfaction": 0, "creativity": 0, "correction": "draft"}',
} as const;

export const FINAL_AGENT_TEXT = `Your order ${ORDER} is cancelled and the refund is on its way. Anything else?`;

type WireMessage = { role: string; content?: string | null; tool_calls?: unknown[] };
export const messagesOf = (request: ReceivedRequest) => ((request.body as { messages?: WireMessage[] }).messages ?? []) as WireMessage[];

/**
 * The agent a well-behaved server would be: identify the user, cancel the order (the blueprint's one
 * write), then tell the user and offer more help. The step is read from the tool results so far, so a
 * retried or re-asked request gets the same answer.
 */
export function agentAnswer(request: ReceivedRequest): ModelTurn {
  const results = messagesOf(request).filter((message) => message.role === 'tool').length;
  if (results === 0) return { toolCalls: [{ id: 'call_1', name: 'find_user_id_by_email', arguments: { email: EMAIL } }] };
  if (results === 1) return { toolCalls: [{ id: 'call_1', name: 'cancel_pending_order', arguments: { order_id: ORDER, reason: 'ordered by mistake' } }] };
  return { content: FINAL_AGENT_TEXT };
}

/** The simulated human: asks for the cancellation, and stops once the agent offers more help. */
export function humanAnswer(request: ReceivedRequest): ModelTurn {
  const last = messagesOf(request).at(-1);
  if (typeof last?.content === 'string' && last.content.includes('Anything else')) return { content: 'No, thanks. ###STOP###' };
  return { content: `Hi, my email is ${EMAIL}. Please cancel order ${ORDER}, I ordered it by mistake.` };
}

/** Everything a behaviour needs beyond its name (the answer and the thinking are the role's). */
export type RoleQuirks = Omit<ConformanceOptions, 'answer' | 'thinking'> & { answer?: ConformanceOptions['answer'] };

export interface RoleServer {
  server: ChatCompletionsServer;
  /** Every request body as text, for leak checks. */
  bodies: () => string[];
}

export const scratch = () => mkdtempSync(join(tmpdir(), 'interplay-conformance-'));

/** A conformance server for one role; closed by `closers`. */
export async function roleServer(role: keyof typeof thinking, quirks: RoleQuirks, closers: Array<() => Promise<void>>): Promise<RoleServer> {
  const answer = quirks.answer ?? (role === 'agent' ? agentAnswer : humanAnswer);
  const server = await startChatCompletionsServer(conformanceHandler({ ...quirks, answer, thinking: thinking[role] }));
  closers.push(() => server.close());
  return { server, bodies: () => server.requests.map((request) => JSON.stringify(request.body)) };
}

/** `--agent-*` and `--human-*` flags for the two servers, each role with its own key variable. */
export function roleFlags(agent: RoleServer, human: RoleServer): string[] {
  return [
    ...['--agent-model', 'agent-model', '--agent-base-url', agent.server.baseURL, '--agent-api-key-env', keyVariables.agent],
    ...['--human-model', 'human-model', '--human-base-url', human.server.baseURL, '--human-api-key-env', keyVariables.human],
  ];
}

/**
 * A `--config` file with transport settings per role (the flags name the models): a small whole-response
 * timeout for a role that stalls, fewer retries for a role that stays down. A role left out keeps the
 * defaults (60 s, 2 retries).
 */
export function transportConfig(folder: string, roles: Partial<Record<'agent' | 'human', { timeoutMs?: number; maxRetries?: number }>>): string[] {
  const file = join(folder, 'transport.json');
  writeFileSync(file, JSON.stringify({ models: roles }));
  return ['--config', file];
}

const readLines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((line) => line !== '') : []);
/** The run's graded trajectories, parsed as every reader parses them. */
export const trajectoriesOf = (run: string) => readLines(join(run, 'trajectories.jsonl')).map((line) => parseTrajectory(JSON.parse(line), join(run, 'trajectories.jsonl')));
/** The run's failed jobs. */
export const failedJobsOf = (run: string) => readLines(join(run, 'failed-jobs.jsonl')).map((line) => failedJobRecordSchema.parse(JSON.parse(line)));

/** Requests the server got for the role's key: proves the key variable reached the wire, and only there. */
export function expectKeySent(role: RoleServer, key: string) {
  for (const request of role.server.requests) expect(request.headers.authorization).toBe(`Bearer ${key}`);
}

/** No secret of any role in any file under `folder` (recursively), nor in any of `outputs`. */
export function expectNoSecret(folder: string | undefined, ...outputs: string[]) {
  const all = Object.values(secrets);
  for (const output of outputs) for (const secret of all) expect(output).not.toContain(secret);
  if (folder === undefined) return;
  const files = (dir: string): string[] => readdirSync(dir).flatMap((entry) => (statSync(join(dir, entry)).isDirectory() ? files(join(dir, entry)) : [join(dir, entry)]));
  const found = files(folder);
  expect(found.length).toBeGreaterThan(0);
  for (const file of found) {
    const text = readFileSync(file, 'utf8');
    for (const secret of all) expect(text, file).not.toContain(secret);
  }
}
