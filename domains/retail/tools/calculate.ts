import { z } from 'zod';
import { defineTool, fail, ok, type DomainState } from '../../../src/domain-kit/index.ts';
import type { RetailRecords } from '../schema.ts';
import { PythonException } from './python-exception.ts';
import { evaluatePythonExpression } from './python-expression.ts';
import { pythonFloatRepr } from './python-float-format.ts';
import { pythonRound } from './python-round.ts';
import { pythonFloatOf } from './python-values.ts';

const allowedCharacters = new Set('0123456789+-*/(). ');

export const calculate = defineTool({
  name: 'calculate',
  description: 'Work out the value of an arithmetic expression.',
  params: z.object({
    expression: z
      .string()
      .describe("The arithmetic expression, such as '2 + 2'. It may use numbers, the operators +, -, *, /, parentheses and spaces."),
  }),
  kind: 'read',
  // tau-bench evaluates the text as Python and prints `round(float(result), 2)`; so do we, Python's rules included.
  run(_state: DomainState<RetailRecords>, { expression }) {
    for (const char of expression) if (!allowedCharacters.has(char)) return fail('Error: invalid characters in expression');
    try {
      return ok(pythonFloatRepr(pythonRound(pythonFloatOf(evaluatePythonExpression(expression)), 2)));
    } catch (error) {
      if (error instanceof PythonException) return fail(`Error: ${error.text}`);
      throw error;
    }
  },
});
