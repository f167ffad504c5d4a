import { Suspense } from 'react';

import { can } from '@/lib/permissions';
import { requirePermission } from '@/lib/session';

import { ContactsNav, type ContactsNavItem } from './contacts-nav';

const ITEMS: ContactsNavItem[] = [
  { href: '/contacts?view=companies', label: 'Companies' },
  { href: '/contacts?view=visitors', label: 'Visitors' },
];
const ADMIN_ITEMS: ContactsNavItem[] = [
  { href: '/contacts/import', label: 'Import' },
  { href: '/contacts/duplicates', label: 'Duplicates' },
];

/** The contacts area: managers and admins; every page and action below checks again. */
export default async function ContactsLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePermission('readContacts');
  const items = can(user.role, 'manage') ? [...ITEMS, ...ADMIN_ITEMS] : ITEMS;
  return (
    <>
      {/* The current item is read from the URL's search params, in the browser. */}
      <Suspense fallback={<div className="mb-6 h-11 border-b border-slate-200" />}>
        <ContactsNav items={items} />
      </Suspense>
      {children}
    </>
  );
}
