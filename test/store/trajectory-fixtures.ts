import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FunctionToolSchema } from '../../src/domain-kit/index.ts';
import type { Trajectory } from '../../src/rollout/trajectory.ts';
import type { ExportContext } from '../../src/store/index.ts';

export const fixturesFolder = join(import.meta.dirname, 'fixtures');

export function readFixture(name: string): string {
  return readFileSync(join(fixturesFolder, name), 'utf8');
}

/** The golden v1 trajectory: a kept retail conversation (lookup, order details, cancellation, stop). */
export function keptTrajectory(): Trajectory {
  return JSON.parse(readFixture('trajectory-v1.json')) as Trajectory;
}

/** A second attempt of the same blueprint that the verdict rejected: the user never said STOP. */
export function rejectedTrajectory(): Trajectory {
  const trajectory = keptTrajectory();
  trajectory.id = 'retail-cancel-soundbar-order#1';
  trajectory.attempt = 1;
  trajectory.messages = trajectory.messages.slice(0, 9);
  trajectory.termination = { reason: 'max-turns', detail: 'reached 9 messages' };
  trajectory.stats = { ...trajectory.stats, turns: 6, toolCalls: 2 };
  trajectory.verdict = {
    ...trajectory.verdict,
    kept: false,
    reason: 'not-user-stop',
    termination: 'max-turns',
    state: { ...trajectory.verdict.state, match: false, finalHash: 'c0ffee', diff: { patch: [{ op: 'replace', path: '/orders/#W4049349/status', value: 'pending' }], rendered: '~ orders/#W4049349.status: "cancelled" -> "pending"' } },
    actionMatch: { goldWrites: 1, matched: 0, agentWrites: 0 },
  };
  trajectory.finalStateHash = 'c0ffee';
  return trajectory;
}

/** The kept trajectory with the two lookups made as parallel tool calls in one assistant message. */
export function parallelCallTrajectory(): Trajectory {
  const trajectory = keptTrajectory();
  const messages = trajectory.messages;
  const [lookupUser, userResult, lookupOrder, orderResult] = messages.slice(4, 8);
  if (lookupUser?.role !== 'assistant' || lookupOrder?.role !== 'assistant') throw new Error('fixture changed');
  const parallel = { role: 'assistant' as const, content: null, tool_calls: [...(lookupUser.tool_calls ?? []), ...(lookupOrder.tool_calls ?? [])] };
  // The results come back in the opposite order: the export pairs them with their calls by id.
  trajectory.messages = [...messages.slice(0, 4), parallel, orderResult!, userResult!, ...messages.slice(8)];
  trajectory.id = 'retail-cancel-soundbar-order#2';
  trajectory.attempt = 2;
  return trajectory;
}

/** A small, fixed tool list for golden exports (the shipped retail tools change with the domain). */
export const goldenTools: FunctionToolSchema[] = [
  {
    type: 'function',
    function: {
      name: 'find_user_id_by_email',
      description: "Look up a user's id by their email address.",
      parameters: { type: 'object', properties: { email: { type: 'string', description: "The user's email address." } }, required: ['email'] },
    },
  },
  {
    type: 'function',
    function: {
      name: 'cancel_pending_order',
      description: 'Cancel a pending order.',
      parameters: {
        type: 'object',
        properties: { order_id: { type: 'string' }, reason: { type: 'string', enum: ['no longer needed', 'ordered by mistake'] } },
        required: ['order_id', 'reason'],
      },
    },
  },
];

export const goldenContext: ExportContext = { policy: '# Retail agent policy (from the domain)', tools: goldenTools };
