import { describe, expect, it } from 'vitest';

import { formatPhone, normalisePhone } from '@/lib/phone';

describe('normalisePhone (invariant 10)', () => {
  it('makes the ways of typing one Indian mobile one E.164 number', () => {
    for (const typed of [
      '98765 43210',
      '+91-98765-43210',
      '09876543210',
      '9876543210',
      '+91 98765 43210',
      '  98765-43210  ',
      '(+91) 98765 43210',
    ]) {
      expect(normalisePhone(typed), typed).toBe('+919876543210');
    }
  });

  it('returns null for what is not a phone number', () => {
    for (const typed of ['12345', 'abc', '', '   ', '+91 12345', '98765 4321']) {
      expect(normalisePhone(typed), JSON.stringify(typed)).toBeNull();
    }
  });

  it('keeps a foreign number in its own country', () => {
    expect(normalisePhone('+44 20 7946 0958')).toBe('+442079460958');
  });

  it('formats E.164 for display', () => {
    expect(formatPhone('+919876543210')).toBe('+91 98765 43210');
  });
});
