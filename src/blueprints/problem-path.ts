import type { z } from 'zod';

type PathSegment = PropertyKey;

/**
 * A value's path as a reader writes it: `actions[1].arguments.order_id`. Keys that are not plain
 * identifiers are quoted (`arguments["first name"]`); an empty path names the whole value.
 */
export function formatProblemPath(path: readonly PathSegment[], whole = '(blueprint)'): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$]*$/.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text === '' ? whole : text;
}

/** zod's message without its "Invalid input: " / "Invalid option: " preamble; a missing value says so. */
export function describeIssueMessage(issue: Pick<z.core.$ZodIssue, 'message'>): string {
  const missing = /^Invalid input: expected (.+), received undefined$/.exec(issue.message);
  if (missing) return `missing (expected ${missing[1]})`;
  return issue.message.replace(/^Invalid (input|option): /, '');
}

/** One line per zod issue, each prefixed by its full path (`prefix` is prepended to the issue's path). */
export function describeIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly PathSegment[] = []): string[] {
  return issues.map((issue) => `${formatProblemPath([...prefix, ...issue.path])}: ${describeIssueMessage(issue)}`);
}
