import { describe, expect, it } from 'vitest';
import { csvLine, csvResponse } from '@/lib/csv';

describe('csv', () => {
  it('keeps E.164 phones as they are, but not a formula that starts with +', () => {
    expect(csvLine(['+919876543210', '+1+2', '+SUM(A1)'])).toBe("+919876543210,'+1+2,'+SUM(A1)\r\n");
  });

  it('quotes what needs quoting and defuses formulas', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', null, 12, '-5.00', '=SUM(A1)', new Date('2027-01-12T05:30:00Z')])).toBe(
      'a,"b,c","say ""hi""",,12,-5.00,\'=SUM(A1),2027-01-12T05:30:00.000Z\r\n',
    );
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
