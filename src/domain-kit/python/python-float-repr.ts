/**
 * Python's `repr(float)` (also `str(float)`): the shortest digits that read back as the same double
 * (JavaScript finds the same digits), laid out as Python does: positional notation with at least one
 * decimal ("5.0") while the decimal exponent is between -4 and 16, scientific notation ("1e+16",
 * "1.5e-05") outside it.
 */
export function pythonFloatRepr(value: number): string {
  return formatFloat(value, true);
}

/** The same digits without a forced ".0": how `repr(complex)` writes its parts ("1j", "(2+0.5j)"). */
export function pythonFloatReprBare(value: number): string {
  return formatFloat(value, false);
}

/**
 * `str()` of a number that reached Python as JSON: JavaScript cannot tell 3 from 3.0, so an integral
 * value prints as an int unless the caller knows Python holds a float.
 */
export function pythonNumberText(value: number, isFloat = false): string {
  if (!isFloat && Number.isInteger(value)) return BigInt(value).toString();
  return pythonFloatRepr(value);
}

function formatFloat(value: number, addPointZero: boolean): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return `${Object.is(value, -0) ? '-' : ''}0${addPointZero ? '.0' : ''}`;
  const sign = value < 0 ? '-' : '';
  const { digits, pointPosition } = shortestDigits(Math.abs(value));
  if (pointPosition > -4 && pointPosition <= 16) {
    if (pointPosition <= 0) return `${sign}0.${'0'.repeat(-pointPosition)}${digits}`;
    if (pointPosition >= digits.length) return `${sign}${digits}${'0'.repeat(pointPosition - digits.length)}${addPointZero ? '.0' : ''}`;
    return `${sign}${digits.slice(0, pointPosition)}.${digits.slice(pointPosition)}`;
  }
  const exponent = pointPosition - 1;
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/**
 * The shortest round-trip digits of a finite positive double (the ones JavaScript writes, which
 * Python's repr chooses too: fewest digits, then the closest to the exact value), and where the
 * decimal point goes: value = 0.digits * 10^pointPosition.
 */
function shortestDigits(value: number): { digits: string; pointPosition: number } {
  const [mantissa = '', exponent = '0'] = value.toExponential().split('e');
  return { digits: mantissa.replace('.', ''), pointPosition: Number(exponent) + 1 };
}
