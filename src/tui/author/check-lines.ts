import type { CommitteeReview, StageResult } from '../../blueprints/validation-result.ts';
import { reviewCriteria } from '../../blueprints/validation-result.ts';
import { checksAreCurrent, type AuthorSession } from './author-model.ts';

const mark = (stage: StageResult) => (stage.skipped ? '–' : stage.passed ? '✓' : '✗');

/** One line: `checks: ✓ format ✓ execution ✗ policy – committee -> rejected`, and whether it is out of date. */
export function checkSummary(session: AuthorSession): string {
  if (!session.checks) return 'checks: not run (c to run)';
  const stages = session.checks.stages.map((stage) => `${mark(stage)} ${stage.stage}`).join(' ');
  const stale = checksAreCurrent(session) ? '' : ' (out of date: c to re-run)';
  return `checks: ${stages} -> ${session.checks.status}${stale}`;
}

function reviewLine(review: CommitteeReview): string {
  if (review.abstained || !review.reply) return `  ${review.reviewer}: abstained (${review.problem ?? 'no valid reply'})`;
  const reply = review.reply;
  return `  ${review.reviewer}: ${reviewCriteria.map((criterion) => `${criterion} ${reply[criterion]}`).join(', ')} · ${reply.reflection}`;
}

/** Every stage with its problems and warnings, then the committee's reviews: the full page behind the summary line. */
export function checkReport(session: AuthorSession): string[] {
  const checks = session.checks;
  if (!checks) return ['The checks have not run yet: press c on the main screen.'];
  const lines = [`status: ${checks.status}${checksAreCurrent(session) ? '' : ' (the blueprint changed since: re-run the checks)'}`];
  for (const stage of checks.stages) {
    lines.push(`${mark(stage)} ${stage.stage}${stage.skipped ? ' (skipped: no reviewer models configured)' : ''}`);
    for (const problem of stage.problems) lines.push(`    ${problem}`);
    for (const warning of stage.warnings ?? []) lines.push(`    warning: ${warning}`);
  }
  const reviews = checks.blueprint?.reviews ?? [];
  if (reviews.length > 0) {
    lines.push('committee reviews:');
    lines.push(...reviews.map(reviewLine));
  }
  return lines;
}
