/** CSV (RFC 4180) streamed from async pages of rows, so a big export never sits in memory. */

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  // Quote when needed; a leading =,+,-,@ is prefixed so spreadsheets do not run it as a formula —
  // except a number (-5.00) or an E.164 phone (+919876543210), which no spreadsheet runs.
  const safe = /^[=+\-@]/.test(text) && !/^-?\d/.test(text) && !/^\+\d+$/.test(text) ? `'${text}` : text;
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
