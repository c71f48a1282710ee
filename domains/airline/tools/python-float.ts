/**
 * Python's float text and rounding, so that tool outputs print numbers exactly as tau-bench's do.
 */

/** The shortest round-trip digits of a finite, non-zero |value| and the position of its decimal point. */
function shortestDigits(value: number): { digits: string; pointPosition: number } {
  const [mantissa = '', exponent = '0'] = Math.abs(value).toExponential().split('e');
  return { digits: mantissa.replace('.', ''), pointPosition: Number(exponent) + 1 };
}

/**
 * `repr(float)` (and `str(float)`): shortest round-trip digits, fixed notation while the decimal
 * point sits between -4 and 16 places, scientific otherwise ("1e+16", "1e-05"); integral values keep
 * ".0". With `keepPointZero` false the ".0" is dropped, as inside `repr(complex)`.
 */
export function pythonFloatRepr(value: number, keepPointZero = true): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return `${Object.is(value, -0) ? '-' : ''}0${keepPointZero ? '.0' : ''}`;
  const sign = value < 0 ? '-' : '';
  const { digits, pointPosition } = shortestDigits(value);
  if (pointPosition <= -4 || pointPosition > 16) {
    const exponent = pointPosition - 1;
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (pointPosition <= 0) return `${sign}0.${'0'.repeat(-pointPosition)}${digits}`;
  if (pointPosition >= digits.length) return `${sign}${digits}${'0'.repeat(pointPosition - digits.length)}${keepPointZero ? '.0' : ''}`;
  return `${sign}${digits.slice(0, pointPosition)}.${digits.slice(pointPosition)}`;
}

/**
 * Python's `round(value, 2)` for a float: the exact binary value is rounded to two decimals; only an
 * exact tie (the binary value lies exactly half way) goes to the even neighbour. JavaScript's
 * `toFixed` also rounds the exact value but breaks ties away from zero, so ties are settled here.
 */
export function pythonRoundToCents(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const magnitude = Math.abs(value);
  // 100 * x is an integer plus one half exactly when 8 * x is an odd integer (8 * x is exact).
  const eighths = magnitude * 8;
  let rounded: number;
  if (Number.isSafeInteger(eighths) && eighths % 2 === 1) {
    const below = (25n * BigInt(eighths) - 1n) / 2n;
    const even = below % 2n === 0n ? below : below + 1n;
    rounded = Number(`${even}e-2`);
  } else {
    rounded = Number(magnitude.toFixed(2));
  }
  return value < 0 ? -rounded : rounded;
}

/**
 * `str()` of a number that reached Python as JSON: JavaScript cannot tell 3 from 3.0, so an integral
 * value prints as an int unless the caller knows Python holds a float.
 */
export function pythonNumberText(value: number, isFloat = false): string {
  if (!isFloat && Number.isInteger(value)) return BigInt(value).toString();
  return pythonFloatRepr(value);
}
