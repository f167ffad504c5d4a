import type { NextRequest } from 'next/server';

import { db } from '@/db';
import { listAudit } from '@/db/queries/audit';
import { readAuditQuery } from '@/lib/audit-filter';
import { csvResponse } from '@/lib/csv';
import { refuseUnless } from '@/lib/route-auth';

const PAGE = 1000;

/** The audit log as filtered on /admin/audit, every page of it, newest first, with the images as JSON. Admins only. */
export async function GET(request: NextRequest) {
  const refused = await refuseUnless('manage');
  if (refused) return refused;
  const { filter } = readAuditQuery(Object.fromEntries(request.nextUrl.searchParams));
  async function* pages() {
    for (let cursor: string | null = null; ;) {
      const { rows, next } = await listAudit(db, filter, { cursor, limit: PAGE });
      yield rows.map((r) => [
        r.at.toISOString(),
        r.id,
        r.user_id ?? '',
        r.user_name ?? '',
        r.origin,
        r.origin_detail ?? '',
        r.action,
        r.entity,
        r.entity_id,
        r.before == null ? '' : JSON.stringify(r.before),
        r.after == null ? '' : JSON.stringify(r.after),
      ]);
      if (!next) return;
      cursor = next;
    }
  }
  return csvResponse(
    'audit-log.csv',
    ['at', 'id', 'user_id', 'user', 'origin', 'origin_detail', 'action', 'entity', 'entity_id', 'before', 'after'],
    pages(),
  );
}
