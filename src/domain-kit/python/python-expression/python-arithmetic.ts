import { correctlyRoundedPower } from '../correctly-rounded-power.ts';
import { ratioToDouble } from '../correctly-rounded-ratio.ts';
import { bitLength } from '../double-bits.ts';
import { complexOperation, complexPower } from './complex-arithmetic.ts';
import { overflowError, typeError, zeroDivisionError } from './python-exception.ts';
import type { BinaryOperator, UnaryOperator } from './python-operators.ts';
import { checkIntSize, intToFloat, pythonComplex, pythonFloat, pythonInt, toFloat, typeName, type PythonValue } from './python-value.ts';

/** `left <operator> right` with CPython 3.11's semantics and error messages. */
export function binaryOperation(operator: BinaryOperator, left: PythonValue, right: PythonValue): PythonValue {
  if (isNumber(left) && isNumber(right)) {
    if (left.kind === 'complex' || right.kind === 'complex') return complexOperation(operator, left, right);
    if (left.kind === 'int' && right.kind === 'int') return intOperation(operator, left.value, right.value);
    return floatOperation(operator, toFloat(left), toFloat(right));
  }
  // Sequence fallbacks: `tuple + tuple` concatenates, `tuple * int` (either side) repeats.
  if (operator === '+' && left.kind === 'tuple') {
    if (right.kind === 'tuple') return left;
    throw typeError(`can only concatenate tuple (not "${typeName(right)}") to tuple`);
  }
  if (operator === '*' && left.kind === 'tuple') return repeatTuple(right);
  if (operator === '*' && right.kind === 'tuple') return repeatTuple(left);
  throw typeError(`unsupported operand type(s) for ${operator === '**' ? '** or pow()' : operator}: '${typeName(left)}' and '${typeName(right)}'`);
}

export function unaryOperation(operator: UnaryOperator, operand: PythonValue): PythonValue {
  switch (operand.kind) {
    case 'int':
      return operator === '-' ? pythonInt(-operand.value) : operand;
    case 'float':
      return operator === '-' ? pythonFloat(-operand.value) : operand;
    case 'complex':
      return operator === '-' ? pythonComplex(-operand.real, -operand.imag) : operand;
    default:
      throw typeError(`bad operand type for unary ${operator}: '${typeName(operand)}'`);
  }
}

const isNumber = (value: PythonValue) => value.kind === 'int' || value.kind === 'float' || value.kind === 'complex';

const largestIndex = (1n << 63n) - 1n;

/** The empty tuple repeated: only the count's type and size can go wrong. */
function repeatTuple(count: PythonValue): PythonValue {
  if (count.kind !== 'int') throw typeError(`can't multiply sequence by non-int of type '${typeName(count)}'`);
  if (count.value > largestIndex || count.value < -largestIndex - 1n) throw overflowError("cannot fit 'int' into an index-sized integer");
  return { kind: 'tuple' };
}

function intOperation(operator: BinaryOperator, left: bigint, right: bigint): PythonValue {
  switch (operator) {
    case '+':
      return pythonInt(left + right);
    case '-':
      return pythonInt(left - right);
    case '*':
      checkIntSize(bitLength(left) + bitLength(right));
      return pythonInt(left * right);
    case '/':
      return pythonFloat(intTrueDivide(left, right));
    case '//':
      if (right === 0n) throw zeroDivisionError('integer division or modulo by zero');
      return pythonInt(floorDivide(left, right));
    case '**':
      if (right < 0n) return floatOperation('**', intToFloat(left), intToFloat(right));
      if (left === 0n || left === 1n || right === 0n) return pythonInt(right === 0n ? 1n : left);
      if (left === -1n) return pythonInt(right % 2n === 0n ? 1n : -1n);
      checkIntSize((bitLength(left) - 1) * Number(right));
      return pythonInt(left ** right);
  }
}

function floorDivide(left: bigint, right: bigint): bigint {
  const quotient = left / right;
  return left % right !== 0n && left < 0n !== right < 0n ? quotient - 1n : quotient;
}

/** int / int, rounded once (CPython's long_true_divide). */
function intTrueDivide(left: bigint, right: bigint): number {
  if (right === 0n) throw zeroDivisionError('division by zero');
  const negative = left < 0n !== right < 0n;
  const magnitude = ratioToDouble(left < 0n ? -left : left, right < 0n ? -right : right);
  if (!Number.isFinite(magnitude)) throw overflowError('integer division result too large for a float');
  return negative ? -magnitude : magnitude;
}

function floatOperation(operator: BinaryOperator, left: number, right: number): PythonValue {
  switch (operator) {
    case '+':
      return pythonFloat(left + right);
    case '-':
      return pythonFloat(left - right);
    case '*':
      return pythonFloat(left * right);
    case '/':
      if (right === 0) throw zeroDivisionError('float division by zero');
      return pythonFloat(left / right);
    case '//':
      if (right === 0) throw zeroDivisionError('float floor division by zero');
      return pythonFloat(floatFloorDivide(left, right));
    case '**':
      return floatPower(left, right);
  }
}

/** CPython's float floor division: derived from fmod, then snapped to the nearest integral value. */
function floatFloorDivide(left: number, right: number): number {
  let remainder = left % right;
  let quotient = (left - remainder) / right;
  if (remainder !== 0) {
    if (right < 0 !== remainder < 0) {
      remainder += right;
      quotient -= 1;
    }
  }
  if (quotient !== 0) {
    let floored = Math.floor(quotient);
    if (quotient - floored > 0.5) floored += 1;
    return floored;
  }
  const trueQuotient = left / right;
  return trueQuotient < 0 || Object.is(trueQuotient, -0) ? -0 : 0;
}

const isOddInteger = (value: number) => Math.abs(value) % 2 === 1;

/** CPython's float_pow: its special cases first, then the platform pow. */
function floatPower(base: number, exponent: number): PythonValue {
  if (exponent === 0) return pythonFloat(1);
  if (Number.isNaN(base)) return pythonFloat(base);
  if (Number.isNaN(exponent)) return pythonFloat(base === 1 ? 1 : exponent);
  if (!Number.isFinite(exponent)) {
    const magnitude = Math.abs(base);
    if (magnitude === 1) return pythonFloat(1);
    return pythonFloat(exponent > 0 === magnitude > 1 ? Math.abs(exponent) : 0);
  }
  if (!Number.isFinite(base)) {
    const odd = isOddInteger(exponent);
    if (exponent > 0) return pythonFloat(odd ? base : Math.abs(base));
    return pythonFloat(odd ? (base < 0 ? -0 : 0) : 0);
  }
  if (base === 0) {
    if (exponent < 0) throw zeroDivisionError('0.0 cannot be raised to a negative power');
    return pythonFloat(isOddInteger(exponent) ? base : 0);
  }
  let magnitude = base;
  let negate = false;
  if (base < 0) {
    if (exponent !== Math.floor(exponent)) return complexPower({ real: base, imag: 0 }, { real: exponent, imag: 0 });
    magnitude = -base;
    negate = isOddInteger(exponent);
  }
  if (magnitude === 1) return pythonFloat(negate ? -1 : 1);
  const result = correctlyRoundedPower(magnitude, exponent);
  if (!Number.isFinite(result)) throw overflowError("(34, 'Numerical result out of range')");
  return pythonFloat(negate ? -result : result);
}
