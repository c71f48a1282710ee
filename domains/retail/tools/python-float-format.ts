/**
 * Python's `repr(float)`: the shortest digits that read back as the same double (JavaScript finds the
 * same digits), laid out as Python does: positional notation with at least one decimal ("5.0") while
 * the decimal exponent is between -4 and 16, scientific notation ("1e+16", "1.5e-05") outside it.
 */
export function pythonFloatRepr(value: number): string {
  return formatFloat(value, true);
}

/** The same digits without a forced ".0": how `repr(complex)` writes its parts ("1j", "(2+0.5j)"). */
export function pythonFloatReprBare(value: number): string {
  return formatFloat(value, false);
}

function formatFloat(value: number, addDotZero: boolean): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return `${Object.is(value, -0) ? '-' : ''}0${addDotZero ? '.0' : ''}`;
  const sign = value < 0 ? '-' : '';
  const { digits, pointPosition } = shortestDigits(Math.abs(value));
  if (pointPosition > -4 && pointPosition <= 16) {
    if (pointPosition <= 0) return `${sign}0.${'0'.repeat(-pointPosition)}${digits}`;
    if (pointPosition >= digits.length) return `${sign}${digits}${'0'.repeat(pointPosition - digits.length)}${addDotZero ? '.0' : ''}`;
    return `${sign}${digits.slice(0, pointPosition)}.${digits.slice(pointPosition)}`;
  }
  const exponent = pointPosition - 1;
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/**
 * The shortest round-trip digits of a positive double (the ones `String(value)` writes, which Python's
 * repr chooses too: fewest digits, then the closest to the exact value), and where the decimal point goes.
 */
function shortestDigits(value: number): { digits: string; pointPosition: number } {
  const [mantissa = '', exponentText = '0'] = String(value).split('e');
  const [integerPart = '', fractionPart = ''] = mantissa.split('.');
  let digits = integerPart + fractionPart;
  let pointPosition = integerPart.length + Number(exponentText);
  const leadingZeros = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(leadingZeros).replace(/0+$/, '');
  pointPosition -= leadingZeros;
  return { digits, pointPosition };
}
