import type { TrajectoryDiagnoser } from '../../rollout/diagnostics/index.ts';
import type { Verdict } from '../../rollout/verdict.ts';
import { diagnosticLines } from './diagnostic-lines.ts';
import type { ConversationEntry, RolloutView } from './rollout-view.ts';
import { wrapText } from './text-layout.ts';

/** How a line of the detail pane is coloured. */
export type LineTone = 'heading' | 'human' | 'agent' | 'call' | 'result' | 'error' | 'note' | 'good' | 'bad' | 'plain';

export interface DetailLine {
  text: string;
  tone: LineTone;
}

const INDENT = '       ';

function wrapped(text: string, width: number, tone: LineTone, indent = INDENT): DetailLine[] {
  return wrapText(text, width, indent).map((line) => ({ text: line, tone }));
}

function entryLines(entry: ConversationEntry, width: number): DetailLine[] {
  switch (entry.kind) {
    case 'human':
      return wrapped(`human: ${entry.text}`, width, 'human');
    case 'agent':
      return wrapped(`agent: ${entry.text}`, width, 'agent');
    case 'note':
      return wrapped(`  · ${entry.text}`, width, 'note', '    ');
    case 'tool-call': {
      const lines = wrapped(`  → ${entry.name}(${entry.arguments})`, width, 'call', '      ');
      if (!entry.result) return [...lines, { text: '  ← …', tone: 'note' }];
      const failed = entry.result.ok === false;
      return [...lines, ...wrapped(`  ← ${failed ? 'error' : 'ok'}: ${entry.result.content}`, width, failed ? 'error' : 'result', '      ')];
    }
  }
}

/** The verdict: kept or why not, the state diff from the gold run to the agent's, and the outputs found and missing. */
export function verdictLines(verdict: Verdict, width: number): DetailLine[] {
  const lines: DetailLine[] = [
    { text: '─'.repeat(Math.max(1, width)), tone: 'note' },
    ...wrapped(`verdict: ${verdict.kept ? 'KEPT' : 'REJECTED'} — ${verdict.reason} · ended ${verdict.termination}`, width, verdict.kept ? 'good' : 'bad', '  '),
  ];
  const { state, outputs, actionMatch } = verdict;
  if (state.match) {
    lines.push(...wrapped(`state: matches the gold run${state.goldChangesState ? '' : ' (the gold run changes nothing)'}`, width, 'good', '  '));
  } else {
    lines.push(...wrapped(`state: differs from the gold run (gold ${state.goldHash.slice(0, 12)} → agent ${state.finalHash.slice(0, 12)})`, width, 'bad', '  '));
    lines.push({ text: '  diff, gold → agent:', tone: 'plain' });
    const rendered = state.diff.rendered.trim() || state.diff.patch.map((operation) => `${operation.op} ${operation.path}${operation.value === undefined ? '' : ` ${JSON.stringify(operation.value)}`}`).join('\n');
    for (const line of rendered.split('\n')) lines.push(...wrapped(`    ${line}`, width, 'bad', '        '));
  }
  const outputTone = outputs.missing.length > 0 ? 'bad' : 'good';
  lines.push(...wrapped(`outputs: found ${outputs.found.length}/${outputs.expected.length}${outputs.found.length > 0 ? ` (${outputs.found.join(', ')})` : ''}`, width, outputTone, '  '));
  if (outputs.missing.length > 0) lines.push(...wrapped(`missing: ${outputs.missing.join(', ')}`, width, 'bad', '  '));
  lines.push(...wrapped(`gold writes matched ${actionMatch.matched}/${actionMatch.goldWrites} (the agent made ${actionMatch.agentWrites})`, width, 'plain', '  '));
  if (verdict.judge) lines.push(...wrapped(`judge ${verdict.judge.model}: ${verdict.judge.passed ? 'passed' : 'failed'} — ${verdict.judge.reasoning}`, width, verdict.judge.passed ? 'good' : 'bad', '  '));
  return lines;
}

/**
 * The detail pane's lines for a rollout, each at most `width` characters: its conversation, then its verdict and,
 * for a rejection, its diagnostics when the view can compute them (it knows the run's blueprints and data).
 */
export function detailLines(view: RolloutView, width: number, diagnose?: TrajectoryDiagnoser): DetailLine[] {
  const lines: DetailLine[] = [];
  if (view.conversation === undefined) {
    lines.push({ text: '(the conversation is no longer held: see the run folder\'s trajectories.jsonl)', tone: 'note' });
  } else if (view.conversation.length === 0) {
    lines.push({ text: '(nothing said yet)', tone: 'note' });
  } else {
    for (const entry of view.conversation) lines.push(...entryLines(entry, width));
  }
  if (view.termination) lines.push(...wrapped(`ended: ${view.termination.reason}${view.termination.detail ? ` (${view.termination.detail})` : ''}`, width, 'note', '  '));
  if (view.verdict) lines.push(...verdictLines(view.verdict, width));
  const diagnostics = view.trajectory && diagnose ? diagnose(view.trajectory) : undefined;
  if (diagnostics) lines.push(...diagnosticLines(diagnostics, width));
  return lines;
}
