import { z } from 'zod';
import { defineTool, fail, ok, type DomainState } from '../../../src/domain-kit/index.ts';
import type { AirlineRecords } from '../schema.ts';
import { calculateLikePython } from './python-calculator.ts';

export const calculate = defineTool({
  name: 'calculate',
  description: 'Work out the value of an arithmetic expression.',
  params: z.object({
    expression: z
      .string()
      .describe("The arithmetic expression, such as '2 + 2'. It may hold numbers, the operators +, -, *, /, parentheses and spaces."),
  }),
  kind: 'read',
  run(_state: DomainState<AirlineRecords>, { expression }) {
    const result = calculateLikePython(expression);
    return result.ok ? ok(result.text) : fail(result.text);
  },
});
