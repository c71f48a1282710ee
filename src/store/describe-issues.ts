import type { z } from 'zod';

/** One line per zod issue, named by the path of the field it is about (`(root)` for the value itself). */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)'}: ${issue.message}`);
}
