import { pythonFloatRepr } from '../python-float-repr.ts';
import { pythonRound } from '../python-round.ts';
import { evaluatePythonExpression } from './evaluate-expression.ts';
import { PythonException } from './python-exception.ts';
import { pythonFloatOf } from './python-value.ts';

const allowedCharacters = new Set('0123456789+-*/(). ');

/**
 * What tau-bench's `calculate` returns for `expression`: after a character check, the text of
 * `str(round(float(eval(expression)), 2))` as CPython 3.11 computes it, or "Error: " and the text of
 * whatever Python raised.
 */
export function calculateLikePython(expression: string): { ok: boolean; text: string } {
  for (const char of expression) if (!allowedCharacters.has(char)) return { ok: false, text: 'Error: invalid characters in expression' };
  try {
    return { ok: true, text: pythonFloatRepr(pythonRound(pythonFloatOf(evaluatePythonExpression(expression)), 2)) };
  } catch (error) {
    if (error instanceof PythonException) return { ok: false, text: `Error: ${error.text}` };
    throw error;
  }
}
