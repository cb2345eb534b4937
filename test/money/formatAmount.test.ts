import { describe, expect, it } from 'vitest';
import { Decimal, formatAmount, InvalidArgumentError } from '../../src/index.js';

const d = (text: string) => new Decimal(text);

describe('formatAmount(value) writes amounts for people', () => {
  it('formatAmount writes every digit in the full style, es-MX and en alike', () => {
    expect(formatAmount(d('1234.56'))).toBe('$1,234.56');
    expect(formatAmount(d('1234.56'), { locale: 'en' })).toBe('$1,234.56');
    expect(formatAmount(d('5297125819608'))).toBe('$5,297,125,819,608.00');
    expect(formatAmount(d('-5'), { currency: 'USD' })).toBe('-US$5.00');
    expect(formatAmount(d('0.005'))).toBe('$0.005');
    expect(formatAmount(d('0.005'), { decimals: 2 })).toBe('$0.01');
    expect(formatAmount(d('-0.001'), { decimals: 2 })).toBe('$0.00');
    expect(formatAmount(d('14269.08456'))).toBe('$14,269.08456');
    expect(formatAmount(d('12'), { currency: 'GBP', decimals: 0 })).toBe('£12');
    expect(formatAmount(d('12'), { currency: 'CLP' })).toBe('CLP 12.00');
  });

  it('formatAmount writes short forms a citizen reads, with the Spanish long scale', () => {
    expect(formatAmount(d('1200000000'), { style: 'short' })).toBe('$1.2 mil millones');
    expect(formatAmount(d('1200000000'), { style: 'short', locale: 'en' })).toBe('$1.2B');
    expect(formatAmount(d('5297125819608'), { style: 'short', locale: 'es-MX' })).toBe('$5.3 billones');
    expect(formatAmount(d('5297125819608'), { style: 'short', locale: 'en-US' })).toBe('$5.3T');
    expect(formatAmount(d('1000000'), { style: 'short' })).toBe('$1 millón');
    expect(formatAmount(d('2500000'), { style: 'short' })).toBe('$2.5 millones');
    expect(formatAmount(d('999950'), { style: 'short' })).toBe('$1 millón');
    expect(formatAmount(d('4500'), { style: 'short', locale: 'en' })).toBe('$4.5K');
    expect(formatAmount(d('950'), { style: 'short' })).toBe('$950');
    expect(formatAmount(d('999.5'), { style: 'short' })).toBe('$1 mil');
    expect(formatAmount(d('999.5'), { style: 'short', locale: 'en' })).toBe('$1K');
    expect(formatAmount(d('-0.4'), { style: 'short' })).toBe('$0');
    expect(formatAmount(d('-4040410198.89'), { style: 'short' })).toBe('-$4 mil millones');
  });

  it('formatAmount throws on an unsupported locale or a non-Decimal', () => {
    expect(() => formatAmount(d('1'), { locale: 'fr' })).toThrow(InvalidArgumentError);
    expect(() => formatAmount(d('1'), { locale: 'es-ES' })).toThrow(InvalidArgumentError);
    expect(() => formatAmount(1 as unknown as Decimal)).toThrow(InvalidArgumentError);
  });
});
