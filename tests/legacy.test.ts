import { eq } from 'drizzle-orm';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { db } from '@/db';
import { bookings, followUps, locations, stalls, users } from '@/db/schema';
import { createLegacyBooking, createLegacyFollowUp } from '@/db/services/legacy';

async function employee() {
  const id = ulid();
  await db.insert(users).values({ id, name: 'Old App', email: `old-${id}@t.test`, password: 'x' });
  return id;
}

describe('old callers keep working (§7)', () => {
  it('a follow-up with only phone and status is stored, found by the old phone query', async () => {
    const emp = await employee();
    const id = await createLegacyFollowUp(db, { phone: '098765 11111', status: 'busy', comment: 'call later', employee_id: emp });
    const rows = await db.select({ id: followUps.id, exhibitor_id: followUps.exhibitor_id }).from(followUps).where(eq(followUps.phone, '+919876511111'));
    expect(rows).toContainEqual({ id, exhibitor_id: null });
  });

  it('a booking with only location and stall strings is stored, found by the old booking_location query, and still sold once', async () => {
    const emp = await employee();
    const name = `Mumbai ${ulid().slice(-6)}`;
    const [loc] = await db.insert(locations).values({ loc_name: name });
    const [stall] = await db.insert(stalls).values({ location_mngt_id: loc.insertId, table_name: 'Table 1', price: '50000.00' });
    const id = await createLegacyBooking(db, { phone: '9876522222', booking_date: '2027-03-01', booking_location: ` ${name.toUpperCase()} `, table_no: 'table 1', price: '50000', amount_paid: '50000', employee_id: emp });
    const [b] = await db.select().from(bookings).where(eq(bookings.booking_location, ` ${name.toUpperCase()} `));
    expect(b).toMatchObject({ id, location_id: loc.insertId, table_id: stall.insertId, amount_status: 'paid', price: '50000.00', table_no: 'table 1' });
    await expect(
      createLegacyBooking(db, { phone: '9876533333', booking_date: '2027-03-01', booking_location: name, table_no: 'Table 1', price: '50000', employee_id: emp }),
    ).rejects.toMatchObject({ code: 'STALL_TAKEN' });
    // A location the strings do not name exactly stays as text only.
    const other = await createLegacyBooking(db, { phone: '9876544444', booking_date: '2027-03-01', booking_location: 'Somewhere else', table_no: 'T-9', price: '1000', employee_id: emp });
    const [o] = await db.select({ location_id: bookings.location_id, amount_status: bookings.amount_status }).from(bookings).where(eq(bookings.id, other));
    expect(o).toEqual({ location_id: null, amount_status: 'unpaid' });
  });

  it('refuses an old-shape booking paid above its price', async () => {
    const emp = await employee();
    await expect(createLegacyBooking(db, { phone: '9876555555', booking_date: '2027-03-01', price: '100', amount_paid: '200', employee_id: emp })).rejects.toMatchObject({ code: 'PAYMENT_EXCEEDS_PRICE' });
  });
});
