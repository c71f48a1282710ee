import { z } from 'zod';
import type { RecordTypes } from '../base-state.ts';
import type { DomainState } from '../domain-state.ts';
import { calculateLikePython } from '../python/index.ts';
import { defineTool, fail, ok, type ToolDefinition } from '../tool.ts';

const calculateParams = z.object({
  expression: z
    .string()
    .describe("The arithmetic expression, such as '2 + 2'. It may use numbers, the operators +, -, *, /, parentheses and spaces."),
});

/**
 * tau-bench's `calculate`, the same in every domain: it evaluates the text as Python and answers
 * `str(round(float(result), 2))`, Python's rules and error texts included. It reads no records.
 */
export function defineCalculateTool<R extends RecordTypes>(): ToolDefinition<R, typeof calculateParams> {
  return defineTool({
    name: 'calculate',
    description: 'Work out the value of an arithmetic expression.',
    params: calculateParams,
    kind: 'read',
    run(_state: DomainState<R>, { expression }) {
      const result = calculateLikePython(expression);
      return result.ok ? ok(result.text) : fail(result.text);
    },
  });
}
