import { and, asc, eq, isNotNull, lte, sql } from 'drizzle-orm';

import type { DbOrTx } from '@/db';
import { contacts, followUps, locations, stalls, users } from '@/db/schema';

/**
 * Open leads due today or overdue, oldest first, for one employee or (null)
 * everyone. Uses (employee_id, next_followup_date); one query.
 */
export async function listDueFollowUps(
  db: DbOrTx,
  { employeeId, today, limit = 200 }: { employeeId: string | null; today: string; limit?: number },
) {
  const visitor = sql<
    string | null
  >`(select ${contacts.name} from ${contacts} where ${contacts.id} = ${followUps.visitor_id})`;
  return db
    .select({
      id: followUps.id,
      phone: followUps.phone,
      status: followUps.status,
      comment: followUps.comment,
      next_followup_date: followUps.next_followup_date,
      next_followup_time: followUps.next_followup_time,
      exhibitor_id: followUps.exhibitor_id,
      exhibitor: contacts.name,
      visitor,
      employee: users.name,
      location_id: followUps.location_id,
      location: locations.loc_name,
      table_id: followUps.table_id,
      stall: stalls.table_name,
    })
    .from(followUps)
    .innerJoin(contacts, eq(contacts.id, followUps.exhibitor_id))
    .innerJoin(users, eq(users.id, followUps.employee_id))
    .leftJoin(locations, eq(locations.id, followUps.location_id))
    .leftJoin(stalls, eq(stalls.id, followUps.table_id))
    .where(
      and(
        employeeId ? eq(followUps.employee_id, employeeId) : undefined,
        isNotNull(followUps.open_lead_phone),
        lte(followUps.next_followup_date, today),
      ),
    )
    .orderBy(
      asc(followUps.next_followup_date),
      sql`${followUps.next_followup_time} is null`,
      asc(followUps.next_followup_time),
      asc(followUps.id),
    )
    .limit(limit);
}

export async function listActiveEmployees(db: DbOrTx) {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(eq(users.active, true))
    .orderBy(asc(users.name));
}
