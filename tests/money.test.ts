import { describe, expect, it } from 'vitest';

import { formatINR, fromPaise, parseAmount, toPaise } from '@/lib/money';

describe('money', () => {
  it('converts decimal strings to paise and back without floats', () => {
    expect(toPaise('1250000.00')).toBe(125000000n);
    expect(toPaise('0.1') + toPaise('0.2')).toBe(30n);
    expect(fromPaise(toPaise('0.1') + toPaise('0.2'))).toBe('0.30');
    expect(fromPaise(toPaise('99999999999.99'))).toBe('99999999999.99');
  });

  it('refuses what is not an amount', () => {
    expect(parseAmount('12.345')).toBeNull();
    expect(parseAmount('abc')).toBeNull();
    expect(parseAmount('12,50,000')).toBe(125000000n);
  });

  it('shows Indian grouping with the rupee sign', () => {
    expect(formatINR('1250000')).toBe('₹12,50,000.00');
    expect(formatINR(125000050n)).toBe('₹12,50,000.50');
    expect(formatINR(null)).toBe('₹0.00');
  });
});
