import { correctlyRoundedPower } from '../correctly-rounded-power.ts';
import { overflowError, typeError, zeroDivisionError } from './python-exception.ts';
import type { BinaryOperator } from './python-operators.ts';
import { pythonComplex, toFloat, typeName, type PythonValue } from './python-value.ts';

/**
 * Complex arithmetic as CPython 3.11 does it (complexobject.c): the results and the error messages.
 * Complex numbers appear when a negative number is raised to a fractional power.
 */

export interface Complex {
  real: number;
  imag: number;
}

function toComplex(value: PythonValue): Complex {
  if (value.kind === 'complex') return value;
  return { real: toFloat(value), imag: 0 };
}

export function complexOperation(operator: BinaryOperator, left: PythonValue, right: PythonValue): PythonValue {
  if (operator === '//') throw typeError(`unsupported operand type(s) for //: '${typeName(left)}' and '${typeName(right)}'`);
  const a = toComplex(left);
  const b = toComplex(right);
  switch (operator) {
    case '+':
      return pythonComplex(a.real + b.real, a.imag + b.imag);
    case '-':
      return pythonComplex(a.real - b.real, a.imag - b.imag);
    case '*': {
      const product = multiply(a, b);
      return pythonComplex(product.real, product.imag);
    }
    case '/': {
      const quotient = divide(a, b);
      if (quotient.domainError) throw zeroDivisionError('complex division by zero');
      return pythonComplex(quotient.real, quotient.imag);
    }
    case '**':
      return complexPower(a, b);
  }
}

const multiply = (a: Complex, b: Complex): Complex => ({ real: a.real * b.real - a.imag * b.imag, imag: a.real * b.imag + a.imag * b.real });

/** CPython's _Py_c_quot; `domainError` stands for errno = EDOM (division by zero). */
function divide(a: Complex, b: Complex): Complex & { domainError: boolean } {
  const absReal = Math.abs(b.real);
  const absImag = Math.abs(b.imag);
  if (absReal >= absImag) {
    if (absReal === 0) return { real: 0, imag: 0, domainError: true };
    const ratio = b.imag / b.real;
    const denominator = b.real + b.imag * ratio;
    return { real: (a.real + a.imag * ratio) / denominator, imag: (a.imag - a.real * ratio) / denominator, domainError: false };
  }
  if (absImag >= absReal) {
    const ratio = b.real / b.imag;
    const denominator = b.real * ratio + b.imag;
    return { real: (a.real * ratio + a.imag) / denominator, imag: (a.imag * ratio - a.real) / denominator, domainError: false };
  }
  return { real: NaN, imag: NaN, domainError: false };
}

/** CPython's complex_pow, with its choice between repeated squaring and the polar formula. */
export function complexPower(a: Complex, b: Complex): PythonValue {
  let result: Complex & { domainError: boolean };
  if (b.imag === 0 && b.real === Math.floor(b.real) && Math.abs(b.real) <= 100) result = integerPower(a, b.real);
  else result = polarPower(a, b);
  if (result.domainError) throw zeroDivisionError('0.0 to a negative or complex power');
  if (!Number.isFinite(result.real) && !Number.isNaN(result.real)) throw overflowError('complex exponentiation');
  if (!Number.isFinite(result.imag) && !Number.isNaN(result.imag)) throw overflowError('complex exponentiation');
  return pythonComplex(result.real, result.imag);
}

function integerPower(base: Complex, exponent: number): Complex & { domainError: boolean } {
  if (exponent > 0) return { ...unsignedPower(base, exponent), domainError: false };
  return divide({ real: 1, imag: 0 }, unsignedPower(base, -exponent));
}

function unsignedPower(base: Complex, exponent: number): Complex {
  let result: Complex = { real: 1, imag: 0 };
  let power = base;
  for (let mask = 1; mask <= exponent; mask *= 2) {
    if (Math.floor(exponent / mask) % 2 === 1) result = multiply(result, power);
    power = multiply(power, power);
  }
  return result;
}

function polarPower(a: Complex, b: Complex): Complex & { domainError: boolean } {
  if (b.real === 0 && b.imag === 0) return { real: 1, imag: 0, domainError: false };
  if (a.real === 0 && a.imag === 0) return { real: 0, imag: 0, domainError: b.imag !== 0 || b.real < 0 };
  const absolute = Math.hypot(a.real, a.imag);
  let length = cPower(absolute, b.real);
  const angle = Math.atan2(a.imag, a.real);
  let phase = angle * b.real;
  if (b.imag !== 0) {
    length /= Math.exp(angle * b.imag);
    phase += b.imag * Math.log(absolute);
  }
  return { real: length * Math.cos(phase), imag: length * Math.sin(phase), domainError: false };
}

/** C's pow(base, exponent) for base > 0, special values included, as _Py_c_pow calls it. */
function cPower(base: number, exponent: number): number {
  if (exponent === 0 || base === 1) return 1;
  if (Number.isNaN(exponent) || !Number.isFinite(base) || !Number.isFinite(exponent)) return Math.pow(base, exponent);
  return correctlyRoundedPower(base, exponent);
}
