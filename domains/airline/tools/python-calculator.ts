import { evaluate, PythonException, pythonFloat } from './python-expression-values.ts';
import { parsePythonExpression } from './python-expression-syntax.ts';
import { pythonFloatRepr, pythonRoundToCents } from './python-float.ts';

const allowedCharacters = new Set('0123456789+-*/(). ');

/**
 * What tau-bench's `calculate` returns for `expression`: `str(round(float(eval(expression)), 2))`
 * after a character check, or "Error: " and the text of whatever Python raised.
 */
export function calculateLikePython(expression: string): { ok: boolean; text: string } {
  if (![...expression].every((char) => allowedCharacters.has(char))) return { ok: false, text: 'Error: invalid characters in expression' };
  const parsed = parsePythonExpression(expression);
  if (!parsed.ok) return { ok: false, text: `Error: ${parsed.error}` };
  try {
    return { ok: true, text: pythonFloatRepr(pythonRoundToCents(pythonFloat(evaluate(parsed.tree)))) };
  } catch (error) {
    if (error instanceof PythonException) return { ok: false, text: `Error: ${error.message}` };
    throw error;
  }
}
