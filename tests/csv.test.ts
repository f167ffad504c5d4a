import { describe, expect, it } from 'vitest';

import { csvLine, csvResponse } from '@/lib/csv';

/** The one cell a value becomes (without the line's CRLF). */
const cellOf = (value: unknown) => csvLine([value]).slice(0, -2);

describe('csv', () => {
  it('keeps E.164 phones as they are, but not a formula that starts with +', () => {
    expect(csvLine(['+919876543210', '+1+2', '+SUM(A1)'])).toBe("+919876543210,'+1+2,'+SUM(A1)\r\n");
  });

  it('quotes what needs quoting and defuses formulas', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', null, 12, '-5.00', '=SUM(A1)', new Date('2027-01-12T05:30:00Z')])).toBe(
      'a,"b,c","say ""hi""",,12,-5.00,\'=SUM(A1),2027-01-12T05:30:00.000Z\r\n',
    );
  });

  it.each([
    ['=1', "'=1"],
    ['@SUM(1)', "'@SUM(1)"],
    ['-1+2', "'-1+2"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ['+91 98765 43210', "'+91 98765 43210"],
    ['-5.00-1', "'-5.00-1"],
    ['-', "'-"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
  ])('defuses the formula-like cell %j', (value, expected) => {
    expect(cellOf(value)).toBe(expected);
  });

  it.each(['-5.00', '+919876543210', '12', '-12', '0.5', '1e3', '-1.5E-3', -7, 0])(
    'leaves the whole number %j as it is',
    (value) => {
      expect(cellOf(value)).toBe(String(value));
    },
  );

  it('leaves text that only contains a formula character later alone', () => {
    expect(csvLine(['Asha = Rao', 'a-b', 'x@y.in', '2027-01-12'])).toBe('Asha = Rao,a-b,x@y.in,2027-01-12\r\n');
  });

  it('streams a header and every page', async () => {
    async function* pages() {
      yield [['1', 'x']];
      yield [['2', 'y, z']];
    }
    const response = csvResponse('t.csv', ['n', 'v'], pages());
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    // The byte-order mark lets spreadsheet programs read ₹ and Indian names as UTF-8.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text).toBe('\uFEFFn,v\r\n1,x\r\n2,"y, z"\r\n');
  });
});
