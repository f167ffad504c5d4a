import type { Role } from '@/db/schema/users';

/** DESIGN.md's role matrix: which roles may do what. Checked on the server; the nav only mirrors it. */
export const PERMISSIONS = {
  /** record follow-ups and bookings, see own due follow-ups */
  recordEntries: ['employee', 'manager', 'admin'],
  /** read company timelines and dashboards */
  readCompanies: ['employee', 'manager', 'admin'],
  /** read revenue analytics, export CSV */
  readRevenue: ['manager', 'admin'],
  /** read and export the contacts lists; admins also add, edit, import and merge (`manage`) */
  readContacts: ['manager', 'admin'],
  /** manage campaigns, recipients, locations, stalls, users, legacy import */
  manage: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
