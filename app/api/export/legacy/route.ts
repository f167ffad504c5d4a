import { readDb } from '@/db';
import { listUnresolved, type UnresolvedCursor } from '@/db/legacy/resolutions';
import { csvResponse } from '@/lib/csv';
import { refuseUnless } from '@/lib/route-auth';

const PAGE = 1000;

/** Every ambiguous and unresolved row of the legacy backfill, in (entity, row, field) order; admins. */
export async function GET() {
  const refused = await refuseUnless('manage');
  if (refused) return refused;
  async function* pages() {
    let after: UnresolvedCursor | null = null;
    for (;;) {
      const rows = await listUnresolved(readDb, { after, limit: PAGE });
      yield rows.map((r) => [r.entity, r.row_id, r.field, r.outcome, r.reason, r.original]);
      if (rows.length < PAGE) return;
      const last = rows[rows.length - 1]!;
      after = { entity: last.entity, row_id: last.row_id, field: last.field };
    }
  }
  return csvResponse('legacy-unresolved.csv', ['entity', 'row_id', 'field', 'outcome', 'reason', 'original'], pages());
}
