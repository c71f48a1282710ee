/** The number of bits of |value| (0 for 0n), as Python's `int.bit_length()`. */
export const bitLength = (value: bigint): number => (value === 0n ? 0 : (value < 0n ? -value : value).toString(2).length);

/** A finite positive double as `mantissa * 2^exponent` with an integer mantissa (subnormals included). */
export function decomposeDouble(value: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  return biased === 0 ? { mantissa: fraction, exponent: -1074 } : { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}
