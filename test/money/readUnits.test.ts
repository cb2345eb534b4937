import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/money/Decimal.js';
import { read, readUnits } from '../../src/money/readUnits.js';

function units(text: string): [number, number] | false {
  return readUnits(new Decimal(text)) ? [read.units, read.scale] : false;
}

describe('readUnits: a Decimal as an exact integer count of 10^-scale units', () => {
  it('reads amounts at their shortest scale, whatever base-10^7 groups hold them', () => {
    expect(units('6374690699.95')).toEqual([637469069995, 2]);
    expect(units('123.4500')).toEqual([12345, 2]);
    expect(units('0.1')).toEqual([1, 1]);
    expect(units('12345678.1234567')).toEqual([123456781234567, 7]);
    expect(units('5e15')).toEqual([5e15, 0]);
    expect(units('-42')).toEqual([-42, 0]);
    expect(units('9007199254740991')).toEqual([9007199254740991, 0]);
  });

  it('keeps the sign of zero', () => {
    expect(units('0')).toEqual([0, 0]);
    expect(Object.is(units('-0') && (units('-0') as [number, number])[0], -0)).toBe(true);
  });

  it('refuses what an integer in a double cannot hold exactly', () => {
    expect(units('9007199254740993')).toBe(false);
    expect(units('1e22')).toBe(false);
    expect(units('1e-23')).toBe(false);
    expect(units('0.12345678901234567')).toBe(false);
  });

  it('on random amounts, what it reads is the amount, and what it refuses does not fit', () => {
    const amount = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.integer({ min: -5, max: 25 }))
      .map(([negative, digits, scale]) => `${negative ? '-' : ''}${digits}e${-scale}`);
    fc.assert(
      fc.property(amount, (text) => {
        const decimal = new Decimal(text);
        // The shortest exact form, found with Decimal arithmetic alone.
        const scale = decimal.decimalPlaces();
        const whole = decimal.times(new Decimal(10).pow(scale)).abs();
        const fits = scale <= 22 && whole.lessThanOrEqualTo(Number.MAX_SAFE_INTEGER);
        const read = units(text);
        if (!fits) {
          expect(read).toBe(false);
          return;
        }
        expect(read).not.toBe(false);
        const [count, at] = read as [number, number];
        expect(at).toBe(scale);
        expect(new Decimal(count).dividedBy(new Decimal(10).pow(at)).equals(decimal)).toBe(true);
      }),
      { seed: 20261123, numRuns: 2000 },
    );
  });
});
