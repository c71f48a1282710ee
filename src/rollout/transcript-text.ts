import type { ChatMessage } from '../models/index.ts';
import type { Trajectory } from './trajectory.ts';

const indent = (text: string, prefix: string) => text.replace(/\n/g, `\n${prefix}`);
const clip = (text: string, limit: number) => (text.length > limit ? `${text.slice(0, limit)}… (${text.length} chars)` : text);

/** One message as a readable line (or a few): who spoke, what was called, what came back. */
export function describeMessage(message: ChatMessage, toolNames: ReadonlyMap<string, string>, limit = 400): string[] {
  switch (message.role) {
    case 'system':
      return [`[system] ${clip(message.content.split('\n')[0] ?? '', 120)}`];
    case 'user':
      return [`human: ${indent(message.content, '       ')}`];
    case 'assistant':
      return [
        ...(message.content ? [`agent: ${indent(message.content, '       ')}`] : []),
        ...(message.tool_calls ?? []).map((call) => `  → ${call.function.name}(${clip(call.function.arguments, limit)})`),
      ];
    case 'tool':
      return [`  ← ${toolNames.get(message.tool_call_id) ?? 'tool'}: ${clip(message.content, limit)}`];
  }
}

/** A trajectory as plain text: the conversation (the policy prompt shortened), then how it ended and its verdict. */
export function formatTrajectory(trajectory: Trajectory): string {
  const toolNames = new Map(trajectory.messages.flatMap((message) => (message.role === 'assistant' ? (message.tool_calls ?? []).map((call) => [call.id, call.function.name] as const) : [])));
  const lines = [`# ${trajectory.id}  human=${trajectory.models.human}  agent=${trajectory.models.agent}`];
  trajectory.messages.forEach((message, index) => {
    if (index === 0 && message.role === 'system') lines.push('[system] (the domain policy)');
    else lines.push(...describeMessage(message, toolNames));
  });
  const { verdict } = trajectory;
  lines.push(`ended: ${trajectory.termination.reason}${trajectory.termination.detail ? ` (${trajectory.termination.detail})` : ''}`);
  lines.push(`verdict: ${verdict.kept ? 'KEPT' : 'REJECTED'} — ${verdict.reason}; state ${verdict.state.match ? 'matches' : 'differs from'} gold; outputs found ${verdict.outputs.found.length}/${verdict.outputs.expected.length}; gold writes matched ${verdict.actionMatch.matched}/${verdict.actionMatch.goldWrites}`);
  if (verdict.outputs.missing.length > 0) lines.push(`missing outputs: ${verdict.outputs.missing.join(', ')}`);
  if (!verdict.state.match) lines.push(`state diff (gold -> agent):\n${indent(`  ${verdict.state.diff.rendered}`, '  ')}`);
  return lines.join('\n');
}
