import type { ContactReferences } from '@/db/queries/contacts';
import { plural } from '@/lib/format';

/** What still points at a contact, in words: "2 leads, 3 talks, 1 booking, 0 campaign recipients". */
export function describeReferences(r: ContactReferences): string {
  return [
    plural(r.leads, 'lead'),
    plural(r.talks, 'talk'),
    plural(r.bookings, 'booking'),
    plural(r.recipients, 'campaign recipient'),
  ].join(', ');
}

/** The two views of the contacts page and the contact type each lists. */
export const CONTACT_VIEWS = { companies: 'exhibitor', visitors: 'visitor' } as const;
export type ContactView = keyof typeof CONTACT_VIEWS;
export const viewOf = (type: 'exhibitor' | 'visitor'): ContactView => (type === 'exhibitor' ? 'companies' : 'visitors');
