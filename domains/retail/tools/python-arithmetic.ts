import { correctlyRoundedPower } from './correctly-rounded-power.ts';
import { overflowError, typeError, zeroDivisionError } from './python-exception.ts';
import {
  bitLength,
  checkIntSize,
  intToFloat,
  pythonComplex,
  pythonFloat,
  pythonInt,
  ratioToDouble,
  toFloat,
  typeName,
  type PythonValue,
} from './python-values.ts';

export type BinaryOperator = '+' | '-' | '*' | '/' | '//' | '**';
export type UnaryOperator = '+' | '-';

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

interface Complex {
  real: number;
  imag: number;
}

function toComplex(value: PythonValue): Complex {
  if (value.kind === 'complex') return value;
  return { real: toFloat(value), imag: 0 };
}

function complexOperation(operator: BinaryOperator, left: PythonValue, right: PythonValue): PythonValue {
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
function complexPower(a: Complex, b: Complex): PythonValue {
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
