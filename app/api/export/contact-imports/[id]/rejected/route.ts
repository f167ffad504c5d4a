import { db } from '@/db';
import { getContactImport, listImportRows, REJECTED_RESULTS } from '@/db/queries/contact-imports';
import { csvResponse } from '@/lib/csv';
import { refuseUnless } from '@/lib/route-auth';
import { ULID_RE } from '@/lib/validation';

const PAGE = 1000;

/**
 * The rows an import did not bring in (invalid, duplicate within the file,
 * skipped), with their line and reason, then the cells as read under the
 * file's own column names — fix them and import this file again. Admins only.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const refused = await refuseUnless('manage');
  if (refused) return refused;
  const { id } = await params;
  const batch = ULID_RE.test(id) ? await getContactImport(db, id) : null;
  if (!batch) return new Response('No such import.', { status: 404 });
  const columns = Object.entries(batch.mapping ?? {}).filter(([, field]) => field !== 'ignore');
  async function* pages() {
    for (let after = 0; ;) {
      const rows = await listImportRows(db, id, { results: REJECTED_RESULTS, afterLine: after, limit: PAGE });
      yield rows.map((r) => [r.line, r.result, r.reason, ...columns.map(([, field]) => r.input?.[field] ?? '')]);
      if (rows.length < PAGE) return;
      after = rows.at(-1)!.line;
    }
  }
  const name = batch.fileName.replace(/\.csv$/i, '').replace(/[^\w.-]+/g, '_');
  return csvResponse(
    `${name}-rejected.csv`,
    ['line', 'result', 'reason', ...columns.map(([header]) => header)],
    pages(),
  );
}
