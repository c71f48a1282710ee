import { canonicalJson } from '../../domain-kit/index.ts';
import type { Verdict } from '../verdict.ts';

/** The parts of a verdict that say something, each as `name: stored -> derived` when they differ. */
const comparedFields: Array<[string, (verdict: Verdict) => unknown]> = [
  ['kept', (verdict) => verdict.kept],
  ['reason', (verdict) => verdict.reason],
  ['termination', (verdict) => verdict.termination],
  ['state.match', (verdict) => verdict.state.match],
  ['state.goldHash', (verdict) => verdict.state.goldHash],
  ['state.finalHash', (verdict) => verdict.state.finalHash],
  ['outputs.found', (verdict) => verdict.outputs.found],
  ['outputs.missing', (verdict) => verdict.outputs.missing],
  ['actionMatch', (verdict) => verdict.actionMatch],
  ['judge', (verdict) => verdict.judge?.passed],
  ['unvalidated', (verdict) => verdict.unvalidated ?? false],
];

const show = (value: unknown) => (value === undefined ? 'none' : typeof value === 'string' ? value : JSON.stringify(value));

/**
 * Every difference between a stored verdict and the one re-derived from the transcript, for people:
 * `reason: accepted -> invalid-transcript`. The outputs rule is compared only when the stored verdict
 * names one (older verdicts do not). Empty when they agree.
 */
export function verdictDifferences(stored: Verdict, derived: Verdict): string[] {
  const fields = stored.outputs.rule === undefined ? comparedFields : [...comparedFields, ['outputs.rule', (verdict: Verdict) => verdict.outputs.rule] as [string, (verdict: Verdict) => unknown]];
  return fields.flatMap(([name, read]) => {
    const before = read(stored);
    const after = read(derived);
    return canonicalJson(before ?? null) === canonicalJson(after ?? null) ? [] : [`${name}: ${show(before)} -> ${show(after)}`];
  });
}
