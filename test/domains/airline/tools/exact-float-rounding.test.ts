import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { correctlyRoundedPower, positiveRatioToDouble } from '../../../../domains/airline/tools/exact-float-rounding.ts';

describe('positiveRatioToDouble', () => {
  // a / b for Python ints, as CPython 3.11 divides them (correctly rounded at any size).
  const cases: [bigint, bigint, number][] = [
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
  it.each(cases)('%s / %s', (numerator, denominator, quotient) => expect(positiveRatioToDouble(numerator, denominator)).toBe(quotient));

  it('is Infinity past the largest double', () => expect(positiveRatioToDouble(2n ** 1100n, 3n)).toBe(Infinity));

  it('agrees with IEEE division whenever both operands are exact doubles', () => {
    const operand = fc.bigInt({ min: 1n, max: 2n ** 53n });
    fc.assert(fc.property(operand, operand, (a, b) => positiveRatioToDouble(a, b) === Number(a) / Number(b)));
  });
});

describe('correctlyRoundedPower', () => {
  // x ** y as CPython 3.11 (glibc pow) computes it.
  const cases: [number, number, number][] = [
    [1.05, 10, 1.628894626777442],
    [745.34, 62, 1.218918309531826e178],
    [2, -1074, 5e-324],
    [10, -5, 1e-5],
    [3.3, 7, 4261.844297699999],
    [0.1, 3, 0.0010000000000000002],
    [123.456, -3, 5.314512037978083e-7],
    [1.0000001, 1000000, 1.1051709126143208],
    [2.5, 0.5, 1.5811388300841898],
    [100, 1.5, 1000],
    [7, 1 / 3, 1.912931182772389],
  ];
  it.each(cases)('%s ** %s', (base, exponent, power) => expect(correctlyRoundedPower(base, exponent)).toBe(power));

  it('overflows to Infinity and underflows to zero', () => {
    expect(correctlyRoundedPower(2, 1024)).toBe(Infinity);
    expect(correctlyRoundedPower(10, 400.5)).toBe(Infinity);
    expect(correctlyRoundedPower(10, -400.5)).toBe(0);
  });
});
