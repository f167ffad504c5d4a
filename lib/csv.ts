/** CSV (RFC 4180) streamed from async pages of rows, so a big export never sits in memory. */

// What a spreadsheet may run as a formula: a cell starting with =, +, -, @, a tab or a CR (OWASP's list).
const FORMULA_START = /^[=+\-@\t\r]/;
// A whole cell that is a number (-5.00, 1e3) or an E.164 phone (+919876543210): no spreadsheet runs it,
// and every export carries both. Anything more after the number (-1+2, +91 98765 43210) is not exempt.
const WHOLE_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** One CSV cell: a formula-like text is prefixed with ' so it stays text, and quoted when needed. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  const safe = FORMULA_START.test(text) && !WHOLE_NUMBER.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: unknown[]): string {
  return `${values.map(cell).join(',')}\r\n`;
}

/** A streamed CSV download: a header line, then the lines of every page the generator yields. */
export function csvResponse(filename: string, header: string[], pages: AsyncIterable<unknown[][]>): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(header)}`));
      try {
        for await (const rows of pages) controller.enqueue(encoder.encode(rows.map(csvLine).join('')));
        controller.close();
      } catch (error) {
        controller.error(error);
      }
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
    },
  });
}
