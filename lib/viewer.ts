import type { Role } from '@/db/schema/users';
import { can } from '@/lib/permissions';

/**
 * Who reads a read model (DESIGN.md invariant 14): the read models take it and
 * leave out what the viewer may not see, so money never leaves the database
 * for an employee — their rows have no money fields at all, by type.
 */
export type MoneyViewer = { readonly canSeeMoney: true };
export type ActivityViewer = { readonly canSeeMoney: false };
export type Viewer = MoneyViewer | ActivityViewer;

/** Managers and admins; also what the manager-only CSV exports and the scripts read as. */
export const MONEY_VIEWER: MoneyViewer = Object.freeze({ canSeeMoney: true });
/** Booth employees: activity (leads, talks, bookings counted), never money. */
export const ACTIVITY_VIEWER: ActivityViewer = Object.freeze({ canSeeMoney: false });

/** The viewer a signed-in user reads as: money only with the readRevenue permission. */
export function viewerFor(user: { role: Role }): Viewer {
  return can(user.role, 'readRevenue') ? MONEY_VIEWER : ACTIVITY_VIEWER;
}
