import { readDb } from '@/db';
import { getCompany, listTimeline, type TimelineMoneyEntry, type TimelinePage } from '@/db/queries/companies';
import { timelineFiltersFrom } from '@/lib/company-timeline-filters';
import { csvResponse } from '@/lib/csv';
import { refuseUnless } from '@/lib/route-auth';
import { MONEY_VIEWER } from '@/lib/viewer';

const PAGE = 1000;

/** A company's timeline as CSV with the page's filters, walked by keyset pages; managers and admins. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const refused = await refuseUnless('readRevenue');
  if (refused) return refused;
  const { id } = await params;
  const company = await getCompany(readDb, id);
  if (!company) return new Response('No such company.', { status: 404 });
  const filters = timelineFiltersFrom(Object.fromEntries(new URL(request.url).searchParams));
  async function* pages() {
    let cursor: string | null = null;
    do {
      const page: TimelinePage<TimelineMoneyEntry> = await listTimeline(
        readDb,
        id,
        { filters, cursor, limit: PAGE },
        MONEY_VIEWER,
      );
      yield page.rows.map((r) => [
        r.conversation_date,
        r.kind,
        r.outcome,
        r.visitor_name,
        r.visitor_phone,
        r.employee_name,
        r.location_name,
        r.stall_name,
        r.campaign_name,
        r.follow_up_status,
        r.notes,
        r.booking_id,
        r.booking_price,
        r.booking_amount_paid,
        r.booking_amount_status,
        r.booking_id ? (r.booking_cancelled ? 'yes' : 'no') : null,
      ]);
      cursor = page.nextCursor;
    } while (cursor);
  }
  const slug = company.name.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();
  return csvResponse(
    `timeline-${slug}.csv`,
    [
      'date',
      'kind',
      'outcome',
      'visitor',
      'phone',
      'employee',
      'location',
      'stall',
      'campaign',
      'lead_status',
      'notes',
      'booking_id',
      'price',
      'amount_paid',
      'amount_status',
      'cancelled',
    ],
    pages(),
  );
}
