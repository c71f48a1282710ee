import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ratioToDouble } from '../../../src/domain-kit/python/correctly-rounded-ratio.ts';

describe('ratioToDouble', () => {
  // a / b for Python ints, as CPython 3.11 divides them (correctly rounded at any size).
  const cases: [bigint, bigint, number][] = [
    [1n, 3n, 0.3333333333333333],
    [10n ** 20n, 3n, 3.333333333333333e19],
    [-(2n ** 60n), 7n, -1.647030720866924e17],
    [10n ** 400n, 10n ** 399n, 10],
    [1n, 3n * 2n ** 1074n, 0],
    [2n, 3n * 2n ** 1074n, 5e-324],
    [2n ** 53n + 1n, 1n, 9007199254740992],
    [2n ** 53n + 3n, 1n, 9007199254740996],
    [5689648571307882019178872835304679038669212012495323953n, 79465715502334515220507341537180682067944795586890716n, 71.5987836432522],
    [580679345064017072884486391n, 48908571454442993368028478078331950663968698839158711721n, 1.1872752112682418e-29],
    [31234057583909665n, 482100044234598058676047006n, 6.478750200800779e-11],
    [89047189161789581234637687n, 663493192n, 1.3420965012974779e17],
    [40169433338112701124441143117994295487233005181184141609n, 217714649368n, 1.845049630547133e44],
    [86326946379199343988405657048415655455028187538n, 9646834402160379445008432895378622837973222504n, 8.948733105635844],
    [264979265880297578453217754710490443181733033680493n, 3702990877143871694167245942216668632150523370580767n, 0.07155817410078982],
    [1n, 10n ** 330n, 0],
    [3n, 2n ** 1076n, 5e-324],
    [1n, 2n ** 1075n, 0],
    [2n ** 54n + 3n, 2n, 9007199254740994],
  ];
  it.each(cases)('%s / %s', (numerator, denominator, quotient) => expect(ratioToDouble(numerator, denominator)).toBe(quotient));

  it('is Infinity past the largest double', () => {
    expect(ratioToDouble(2n ** 1024n, 1n)).toBe(Infinity);
    expect(ratioToDouble(2n ** 1100n, 3n)).toBe(Infinity);
    expect(ratioToDouble(-(2n ** 1100n), 3n)).toBe(-Infinity);
  });

  it('agrees with IEEE division whenever both operands are exact doubles', () => {
    const operand = fc.bigInt({ min: 1n, max: 2n ** 53n });
    fc.assert(fc.property(operand, operand, (a, b) => ratioToDouble(a, b) === Number(a) / Number(b)));
  });

  it('agrees with IEEE division of exact doubles scaled by powers of two, however large the operands', () => {
    const operand = fc.bigInt({ min: 1n, max: 2n ** 53n });
    const scale = fc.integer({ min: 0, max: 400 });
    fc.assert(fc.property(operand, operand, scale, (a, b, shift) => ratioToDouble(a << BigInt(shift), b << BigInt(shift)) === Number(a) / Number(b)));
  });

  it('refuses a denominator that is not positive', () => {
    expect(() => ratioToDouble(1n, 0n)).toThrow(RangeError);
    expect(() => ratioToDouble(1n, -3n)).toThrow(RangeError);
  });
});
