'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';

import { db } from '@/db';
import { createLocation, createStall, deleteStall, updateLocation, updateStall } from '@/db/services/locations';
import { validatedAction } from '@/lib/action';
import { formatINR } from '@/lib/money';

import { deleteStallSchema, locationSchema, stallSchema, updateLocationSchema, updateStallSchema } from './schema';

export const createLocationAction = validatedAction('manage', locationSchema, async (data) => {
  const id = await createLocation(db, data);
  revalidatePath('/admin/locations');
  redirect(`/admin/locations/${id}`);
});

export const updateLocationAction = validatedAction('manage', updateLocationSchema, async (data) => {
  await updateLocation(db, data);
  revalidatePath(`/admin/locations/${data.id}`);
  return { ok: true, message: `Saved ${data.loc_name}.` };
});

export const createStallAction = validatedAction('manage', stallSchema, async (data) => {
  await createStall(db, data);
  revalidatePath(`/admin/locations/${data.location_mngt_id}`);
  return { ok: true, message: `Added stall ${data.table_name} at ${formatINR(data.price)}.` };
});

export const updateStallAction = validatedAction('manage', updateStallSchema, async (data) => {
  await updateStall(db, data);
  revalidatePath(`/admin/locations/${data.location_mngt_id}`);
  return { ok: true, message: `Saved ${data.table_name}.` };
});

export const deleteStallAction = validatedAction('manage', deleteStallSchema, async (data) => {
  await deleteStall(db, data.id);
  revalidatePath(`/admin/locations/${data.location_mngt_id}`);
  return { ok: true, message: 'Stall deleted.' };
});
