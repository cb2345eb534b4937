import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, parseAmount } from '../../src/index.js';

function value(raw: string, options?: Parameters<typeof parseAmount>[1]): string {
  const result = parseAmount(raw, options);
  if (!result.ok) throw new Error(`${JSON.stringify(raw)} was refused: ${result.code}`);
  return result.value.toString();
}

function problem(raw: string, options?: Parameters<typeof parseAmount>[1]): string {
  const result = parseAmount(raw, options);
  if (result.ok) throw new Error(`${JSON.stringify(raw)} was accepted as ${result.value.toString()}`);
  return result.code;
}

describe('parseAmount(raw) reads amounts as governments publish them', () => {
  it.each([
    ['1234.56', '1234.56'],
    ['1,234.56', '1234.56'],
    [' 1,003,938,481 ', '1003938481'],
    ['" 1,003,938,481 "'.slice(1, -1), '1003938481'],
    [' -   ', '0'],
    ['-', '0'],
    ['$1,234', '1234'],
    ['$ 1,234.50', '1234.5'],
    ['1,234 $', '1234'],
    ['1,234.00 €', '1234'],
    ['(1,234.00)', '-1234'],
    ['($1,234.00)', '-1234'],
    ['-1,234', '-1234'],
    ['-$1,234', '-1234'],
    ['$-1,234', '-1234'],
    ['1,234-', '-1234'],
    ['+17', '17'],
    ['1 234 567.5', '1234567.5'],
    ['1\u00a0234', '1234'],
    ["1'234.5", '1234.5'],
    ['0.62', '0.62'],
    ['.5', '0.5'],
    ['007', '7'],
    ['14269.08400', '14269.084'],
    ['-0', '0'],
    ['1234567890123456789012345678901234.56', '1234567890123456789012345678901234.56'],
    ['$ -', '0'],
    [' $ -   ', '0'],
    ['$ (1,234.00)', '-1234'],
    ['(1,234.00) $', '-1234'],
    ['US$1,234', '1234'],
    ['−7', '-7'],
    ['0.123', '0.123'],
  ])('parseAmount(%j) is %s', (raw, expected) => {
    expect(value(raw)).toBe(expected);
  });

  it('parseAmount reads 1.234,56 when the caller says the decimal mark is a comma', () => {
    expect(value('1.234,56', { decimal: ',' })).toBe('1234.56');
    expect(value('1 234,5', { decimal: ',' })).toBe('1234.5');
    expect(value('(1.234.567,89)', { decimal: ',' })).toBe('-1234567.89');
    expect(value('12,3', { decimal: ',' })).toBe('12.3');
  });

  it('parseAmount scales amounts published in thousands or millions exactly', () => {
    expect(value('14269.084', { unit: 'thousands' })).toBe('14269084');
    expect(value('0.00001', { unit: 'thousands' })).toBe('0.01');
    expect(value('678,747.3', { unit: 'millions' })).toBe('678747300000');
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['abc', 'not_a_number'],
    ['NaN', 'not_a_number'],
    ['Infinity', 'not_a_number'],
    ['--5', 'not_a_number'],
    ['(-5)', 'not_a_number'],
    ['1.2.3', 'not_a_number'],
    ['12%', 'not_a_number'],
    ['1e308', 'scientific_notation'],
    ['1.5E+06', 'scientific_notation'],
    ['1,23,456', 'bad_grouping'],
    ['1,2345', 'bad_grouping'],
    ['1.234,56', 'bad_grouping'],
    ['1'.repeat(41), 'too_many_digits'],
    ['0.' + '0'.repeat(40) + '1', 'too_many_digits'],
    ['0,123', 'bad_grouping'],
    ['01,234', 'bad_grouping'],
    ['1.000.000', 'bad_grouping'],
    ['1,234 567.8', 'bad_grouping'],
    ['+-1', 'not_a_number'],
    ['$$1', 'not_a_number'],
    ['1\n234', 'not_a_number'],
    ['-(5)', 'not_a_number'],
  ])('parseAmount(%j) refuses it as %s', (raw, expected) => {
    expect(problem(raw)).toBe(expected);
  });

  it('parseAmount refuses 1,234.56 read with a comma decimal mark rather than guessing', () => {
    expect(problem('1,234.56', { decimal: ',' })).toBe('bad_grouping');
    expect(problem('0.123', { decimal: ',' })).toBe('bad_grouping');
  });

  it('parseAmount throws a typed error on misuse, not on bad data', () => {
    const invalid = expect.objectContaining({ name: 'InvalidArgumentError', code: 'invalid_argument' });
    expect(() => parseAmount(12 as unknown as string)).toThrow(invalid);
    expect(() => parseAmount('1', { decimal: ';' as ',' })).toThrow(invalid);
    expect(() => parseAmount('1', { unit: 'billions' as 'units' })).toThrow(InvalidArgumentError);
    expect(() => parseAmount('1', { unit: 'hundreds' as 'units' })).toThrow(invalid);
  });
});
