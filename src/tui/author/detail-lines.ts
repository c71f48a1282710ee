import { describeCall } from './action-text.ts';
import type { AuthorSession } from './author-model.ts';
import { checkReport } from './check-lines.ts';
import { hardWrap } from './text-layout.ts';

/** The page behind the overview: the whole diff, every action's full result, and the check report. */
export function detailLines(session: AuthorSession, width: number): string[] {
  const { evaluation } = session;
  const lines = ['diff (initial -> after all actions):', ...evaluation.diffText.split('\n').map((line) => `  ${line}`), ''];
  lines.push(`results (${session.actions.length} action(s), each run after the ones before it):`);
  session.actions.forEach((action, index) => {
    const result = evaluation.results[index];
    lines.push(`${index + 1} ${result?.ok ? '✓' : '✗'} ${describeCall(action)}${action.expectError ? ' [expect error]' : ''}`);
    for (const line of (result?.content ?? '').split('\n')) lines.push(...hardWrap(line, Math.max(10, width - 4)).map((row) => `    ${row}`));
  });
  lines.push('', ...checkReport(session));
  return lines;
}
