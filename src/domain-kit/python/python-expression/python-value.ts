import { pythonFloatRepr, pythonFloatReprBare } from '../python-float-repr.ts';
import { overflowError, PythonException, typeError } from './python-exception.ts';

/**
 * The values an arithmetic expression can produce in Python when it is written with digits, `+ - * /`,
 * parentheses, dots and spaces: arbitrary-precision ints, floats, complex numbers (a negative number
 * raised to a fractional power), the empty tuple `()` and `...` (Ellipsis).
 */
export type PythonValue =
  | { kind: 'int'; value: bigint }
  | { kind: 'float'; value: number }
  | { kind: 'complex'; real: number; imag: number }
  | { kind: 'tuple' }
  | { kind: 'ellipsis' };

export const pythonInt = (value: bigint): PythonValue => ({ kind: 'int', value });
export const pythonFloat = (value: number): PythonValue => ({ kind: 'float', value });
export const pythonComplex = (real: number, imag: number): PythonValue => ({ kind: 'complex', real, imag });

/** The name `type(value).__name__` gives, as it appears in TypeError messages. */
export const typeName = (value: PythonValue): string => value.kind;

/** Ints past this many bits are not computed (CPython would grind for minutes); see `checkIntSize`. */
export const largestIntBits = 1 << 22;

/** CPython 3.11 refuses to turn ints of more than 4300 decimal digits into text, or text into ints. */
export const intDigitsLimit = 4300;

/**
 * Stands in for an int too large to hold: CPython would compute it, slowly, and almost every use of
 * it ends in a float conversion that overflows, so that is the error reported.
 */
export function checkIntSize(bits: number): void {
  if (bits > largestIntBits) throw overflowError('int too large to convert to float');
}

/** `float(int)`: rounded half to even, an OverflowError when it does not fit. */
export function intToFloat(value: bigint): number {
  const result = Number(value);
  if (!Number.isFinite(result)) throw overflowError('int too large to convert to float');
  return result;
}

/** The numeric value of an int or a float as a double, for mixed int/float arithmetic. */
export function toFloat(value: PythonValue): number {
  if (value.kind === 'int') return intToFloat(value.value);
  if (value.kind === 'float') return value.value;
  throw new TypeError(`not a real number: ${value.kind}`);
}

/** `str(value)`, as CPython writes a callee into "... argument after * must be ..." messages. */
export function pythonStr(value: PythonValue): string {
  switch (value.kind) {
    case 'int': {
      const text = value.value.toString();
      if (text.replace('-', '').length > intDigitsLimit) {
        throw new PythonException(
          'ValueError',
          `Exceeds the limit (${intDigitsLimit} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit`,
        );
      }
      return text;
    }
    case 'float':
      return pythonFloatRepr(value.value);
    case 'complex':
      return complexRepr(value.real, value.imag);
    case 'tuple':
      return '()';
    case 'ellipsis':
      return 'Ellipsis';
  }
}

function complexRepr(real: number, imag: number): string {
  const imagText = pythonFloatReprBare(imag);
  if (real === 0 && !Object.is(real, -0)) return `${imagText}j`;
  const signedImag = imagText.startsWith('-') ? imagText : `+${imagText}`;
  return `(${pythonFloatReprBare(real)}${signedImag}j)`;
}

/** `float(value)`: what tau-bench's `calculate` applies to the result. */
export function pythonFloatOf(value: PythonValue): number {
  if (value.kind === 'int' || value.kind === 'float') return toFloat(value);
  throw typeError(`float() argument must be a string or a real number, not '${typeName(value)}'`);
}
