import { bitLength, correctlyRoundedPower, positiveRatioToDouble } from './exact-float-rounding.ts';
import { pythonFloatRepr } from './python-float.ts';
import type { BinaryOperator, ExpressionNode } from './python-expression-syntax.ts';

/**
 * Evaluates a parsed expression with CPython 3.11's semantics: exact integers, IEEE floats, the
 * complex numbers a negative base raised to a fractional power gives, and the empty tuple and
 * Ellipsis that `()` and `...` spell; every exception carries CPython's message.
 */

export type PythonValue =
  | { type: 'int'; value: bigint }
  | { type: 'float'; value: number }
  | { type: 'complex'; real: number; imag: number }
  | { type: 'tuple' }
  | { type: 'ellipsis' };

/** A Python exception; `message` is what `str(exception)` gives. */
export class PythonException extends Error {}

/**
 * Integers past this many bits are refused: CPython would go on computing (or run out of memory),
 * which a tool call must not do.
 */
export const maxIntegerBits = 4_000_000;

const raise = (message: string): never => {
  throw new PythonException(message);
};

const typeName = (value: PythonValue) => value.type;
const isNumber = (value: PythonValue) => value.type === 'int' || value.type === 'float' || value.type === 'complex';

const refuseHugeInteger = (bits: number) => {
  if (bits > maxIntegerBits) raise(`integer result too large for the calculator (over ${maxIntegerBits} bits)`);
};

/** `float(int)`. */
export function integerToFloat(value: bigint): number {
  const converted = Number(value);
  return Number.isFinite(converted) ? converted : raise('int too large to convert to float');
}

/** The float value of a real number. */
const realToFloat = (value: PythonValue & { type: 'int' | 'float' }) => (value.type === 'int' ? integerToFloat(value.value) : value.value);

const toComplex = (value: PythonValue): { real: number; imag: number } =>
  value.type === 'complex' ? value : { real: realToFloat(value as PythonValue & { type: 'int' | 'float' }), imag: 0 };

/** `int / int`: the correctly rounded quotient, as CPython computes it for integers of any size. */
export function integerTrueDivide(dividend: bigint, divisor: bigint): number {
  if (divisor === 0n) raise('division by zero');
  const magnitude = positiveRatioToDouble(dividend < 0n ? -dividend : dividend, divisor < 0n ? -divisor : divisor);
  if (!Number.isFinite(magnitude)) raise('integer division result too large for a float');
  return dividend < 0n !== divisor < 0n ? -magnitude : magnitude;
}

function integerFloorDivide(dividend: bigint, divisor: bigint): bigint {
  if (divisor === 0n) raise('integer division or modulo by zero');
  const quotient = dividend / divisor;
  return dividend % divisor !== 0n && dividend < 0n !== divisor < 0n ? quotient - 1n : quotient;
}

function integerPower(base: bigint, exponent: bigint): PythonValue {
  if (exponent < 0n) return floatPower(integerToFloat(base), integerToFloat(exponent));
  if (base === 0n || base === 1n) return { type: 'int', value: exponent === 0n ? 1n : base };
  if (base === -1n) return { type: 'int', value: exponent % 2n === 0n ? 1n : -1n };
  // |base|^n has at least (bits(base) - 1) * n + 1 bits.
  refuseHugeInteger((bitLength(base) - 1) * Number(exponent) + 1);
  return { type: 'int', value: base ** exponent };
}

function integerOperation(operator: BinaryOperator, left: bigint, right: bigint): PythonValue {
  switch (operator) {
    case '+':
      return { type: 'int', value: left + right };
    case '-':
      return { type: 'int', value: left - right };
    case '*':
      refuseHugeInteger(bitLength(left) + bitLength(right) - 1);
      return { type: 'int', value: left * right };
    case '/':
      return { type: 'float', value: integerTrueDivide(left, right) };
    case '//':
      return { type: 'int', value: integerFloorDivide(left, right) };
    case '**':
      return integerPower(left, right);
  }
}

const isOddInteger = (value: number) => Math.abs(value) % 2 === 1;

/** CPython's float_pow, special cases included; a negative base to a fractional power turns complex. */
function floatPower(base: number, exponent: number): PythonValue {
  const float = (value: number): PythonValue => ({ type: 'float', value });
  if (exponent === 0) return float(1);
  if (Number.isNaN(base)) return float(base);
  if (Number.isNaN(exponent)) return float(base === 1 ? 1 : exponent);
  if (!Number.isFinite(exponent)) {
    const magnitude = Math.abs(base);
    if (magnitude === 1) return float(1);
    return float(exponent > 0 === magnitude > 1 ? Math.abs(exponent) : 0);
  }
  if (!Number.isFinite(base)) {
    const odd = isOddInteger(exponent);
    if (exponent > 0) return float(odd ? base : Math.abs(base));
    return float(odd ? (base < 0 ? -0 : 0) : 0);
  }
  if (base === 0) {
    if (exponent < 0) raise('0.0 cannot be raised to a negative power');
    return float(isOddInteger(exponent) ? base : 0);
  }
  let negate = false;
  if (base < 0) {
    if (exponent !== Math.floor(exponent)) return complexPower({ real: base, imag: 0 }, { real: exponent, imag: 0 });
    base = -base;
    negate = isOddInteger(exponent);
  }
  if (base === 1) return float(negate ? -1 : 1);
  const result = correctlyRoundedPower(base, exponent);
  if (!Number.isFinite(result)) raise("(34, 'Numerical result out of range')");
  return float(negate ? -result : result);
}

/** CPython's _float_div_mod, floor part. */
function floatFloorDivide(dividend: number, divisor: number): number {
  if (divisor === 0) raise('float floor division by zero');
  const remainder = dividend % divisor;
  let quotient = (dividend - remainder) / divisor;
  // C's truth test: NaN counts as non-zero.
  if (remainder !== 0 && divisor < 0 !== remainder < 0) quotient -= 1;
  if (quotient === 0) return dividend / divisor < 0 || Object.is(dividend / divisor, -0) ? -0 : 0;
  let floored = Math.floor(quotient);
  if (quotient - floored > 0.5) floored += 1;
  return floored;
}

function floatOperation(operator: BinaryOperator, left: number, right: number): PythonValue {
  switch (operator) {
    case '+':
      return { type: 'float', value: left + right };
    case '-':
      return { type: 'float', value: left - right };
    case '*':
      return { type: 'float', value: left * right };
    case '/':
      return { type: 'float', value: right === 0 ? raise('float division by zero') : left / right };
    case '//':
      return { type: 'float', value: floatFloorDivide(left, right) };
    case '**':
      return floatPower(left, right);
  }
}

type Complex = { real: number; imag: number };
const complex = ({ real, imag }: Complex): PythonValue => ({ type: 'complex', real, imag });
const complexProduct = (a: Complex, b: Complex): Complex => ({ real: a.real * b.real - a.imag * b.imag, imag: a.real * b.imag + a.imag * b.real });

/** CPython's _Py_c_quot (Smith's method); undefined when dividing by zero. */
function complexQuotient(a: Complex, b: Complex): Complex | undefined {
  const absReal = Math.abs(b.real);
  const absImag = Math.abs(b.imag);
  if (absReal >= absImag) {
    if (absReal === 0) return undefined;
    const ratio = b.imag / b.real;
    const denominator = b.real + b.imag * ratio;
    return { real: (a.real + a.imag * ratio) / denominator, imag: (a.imag - a.real * ratio) / denominator };
  }
  if (absImag >= absReal) {
    const ratio = b.real / b.imag;
    const denominator = b.real * ratio + b.imag;
    return { real: (a.real * ratio + a.imag) / denominator, imag: (a.imag * ratio - a.real) / denominator };
  }
  return { real: NaN, imag: NaN };
}

function complexPower(base: Complex, exponent: Complex): PythonValue {
  let result: Complex | undefined;
  if (exponent.imag === 0 && exponent.real === Math.floor(exponent.real) && Math.abs(exponent.real) <= 100) {
    const count = Math.abs(exponent.real);
    let power: Complex = { real: 1, imag: 0 };
    let square = base;
    for (let mask = 1; mask <= count; mask *= 2) {
      if (Math.floor(count / mask) % 2 === 1) power = complexProduct(power, square);
      square = complexProduct(square, square);
    }
    result = exponent.real > 0 ? power : complexQuotient({ real: 1, imag: 0 }, power);
  } else if (exponent.real === 0 && exponent.imag === 0) {
    result = { real: 1, imag: 0 };
  } else if (base.real === 0 && base.imag === 0) {
    result = exponent.imag !== 0 || exponent.real < 0 ? undefined : { real: 0, imag: 0 };
  } else {
    const magnitude = Math.hypot(base.real, base.imag);
    const angle = Math.atan2(base.imag, base.real);
    let length = Math.pow(magnitude, exponent.real);
    let phase = angle * exponent.real;
    if (exponent.imag !== 0) {
      length /= Math.exp(angle * exponent.imag);
      phase += exponent.imag * Math.log(magnitude);
    }
    result = { real: length * Math.cos(phase), imag: length * Math.sin(phase) };
  }
  if (!result) return raise('0.0 to a negative or complex power');
  if (!Number.isFinite(result.real) && !Number.isNaN(result.real)) raise('complex exponentiation');
  if (!Number.isFinite(result.imag) && !Number.isNaN(result.imag)) raise('complex exponentiation');
  return complex(result);
}

function complexOperation(operator: BinaryOperator, left: Complex, right: Complex): PythonValue {
  switch (operator) {
    case '+':
      return complex({ real: left.real + right.real, imag: left.imag + right.imag });
    case '-':
      return complex({ real: left.real - right.real, imag: left.imag - right.imag });
    case '*':
      return complex(complexProduct(left, right));
    case '/':
      return complex(complexQuotient(left, right) ?? raise('complex division by zero'));
    case '**':
      return complexPower(left, right);
    case '//':
      return raise('unreachable');
  }
}

const unsupported = (operator: BinaryOperator, left: PythonValue, right: PythonValue): never =>
  raise(`unsupported operand type(s) for ${operator === '**' ? '** or pow()' : operator}: '${typeName(left)}' and '${typeName(right)}'`);

/** `tuple * count`: the count must be an int that fits a machine index. */
function repeatTuple(count: PythonValue): PythonValue {
  if (count.type !== 'int') return raise(`can't multiply sequence by non-int of type '${typeName(count)}'`);
  if (count.value > 2n ** 63n - 1n || count.value < -(2n ** 63n)) raise("cannot fit 'int' into an index-sized integer");
  return { type: 'tuple' };
}

export function binaryOperation(operator: BinaryOperator, left: PythonValue, right: PythonValue): PythonValue {
  if (isNumber(left) && isNumber(right)) {
    if (left.type === 'int' && right.type === 'int') return integerOperation(operator, left.value, right.value);
    if (left.type === 'complex' || right.type === 'complex') {
      if (operator === '//') return unsupported(operator, left, right);
      return complexOperation(operator, toComplex(left), toComplex(right));
    }
    return floatOperation(operator, realToFloat(left as PythonValue & { type: 'int' | 'float' }), realToFloat(right as PythonValue & { type: 'int' | 'float' }));
  }
  if (operator === '+' && left.type === 'tuple') {
    return right.type === 'tuple' ? left : raise(`can only concatenate tuple (not "${typeName(right)}") to tuple`);
  }
  if (operator === '*' && left.type === 'tuple') return repeatTuple(right);
  if (operator === '*' && right.type === 'tuple') return repeatTuple(left);
  return unsupported(operator, left, right);
}

function unaryOperation(operator: '+' | '-', operand: PythonValue): PythonValue {
  const sign = operator === '-' ? -1 : 1;
  switch (operand.type) {
    case 'int':
      return { type: 'int', value: operator === '-' ? -operand.value : operand.value };
    case 'float':
      return { type: 'float', value: sign * operand.value };
    case 'complex':
      return { type: 'complex', real: sign * operand.real, imag: sign * operand.imag };
    default:
      return raise(`bad operand type for unary ${operator}: '${typeName(operand)}'`);
  }
}

/** `str(value)`; integers past 4300 digits raise, as in CPython 3.11. */
export function pythonStr(value: PythonValue): string {
  switch (value.type) {
    case 'int': {
      const digits = (value.value < 0n ? -value.value : value.value).toString();
      if (digits.length > 4300) raise('Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit');
      return value.value < 0n ? `-${digits}` : digits;
    }
    case 'float':
      return pythonFloatRepr(value.value);
    case 'complex': {
      const imaginary = pythonFloatRepr(value.imag, false);
      if (value.real === 0 && !Object.is(value.real, -0)) return `${imaginary}j`;
      const signed = imaginary.startsWith('-') ? imaginary : `+${imaginary}`;
      return `(${pythonFloatRepr(value.real, false)}${signed}j)`;
    }
    case 'tuple':
      return '()';
    case 'ellipsis':
      return 'Ellipsis';
  }
}

function call(callee: PythonValue, argument: { unpack: '' | '*' | '**'; value: PythonValue } | undefined): never {
  if (argument?.unpack === '*' && argument.value.type !== 'tuple') {
    raise(`${pythonStr(callee)} argument after * must be an iterable, not ${typeName(argument.value)}`);
  }
  if (argument?.unpack === '**') raise(`${pythonStr(callee)} argument after ** must be a mapping, not ${typeName(argument.value)}`);
  return raise(`'${typeName(callee)}' object is not callable`);
}

/** Evaluates left to right, as CPython does; throws PythonException. */
export function evaluate(node: ExpressionNode): PythonValue {
  switch (node.type) {
    case 'integer':
      return { type: 'int', value: node.value };
    case 'float':
      return { type: 'float', value: node.value };
    case 'ellipsis':
      return { type: 'ellipsis' };
    case 'empty-tuple':
      return { type: 'tuple' };
    case 'unary':
      return unaryOperation(node.operator, evaluate(node.operand));
    case 'binary': {
      const left = evaluate(node.left);
      return binaryOperation(node.operator, left, evaluate(node.right));
    }
    case 'call': {
      const callee = evaluate(node.callee);
      return call(callee, node.argument && { unpack: node.argument.unpack, value: evaluate(node.argument.value) });
    }
  }
}

/** `float(value)`. */
export function pythonFloat(value: PythonValue): number {
  if (value.type === 'int') return integerToFloat(value.value);
  if (value.type === 'float') return value.value;
  return raise(`float() argument must be a string or a real number, not '${typeName(value)}'`);
}
