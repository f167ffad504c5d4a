import { ServiceWorker } from '@/components/offline/service-worker';
import { SignOutButton } from '@/components/offline/sign-out-button';
import { Nav, type NavItem } from '@/components/shell/nav';
import { db } from '@/db';
import { endSessions } from '@/db/services/users';
import { signOut } from '@/lib/auth';
import { ROLE_LABELS } from '@/lib/labels';
import { can, type Permission } from '@/lib/permissions';
import { getCurrentUser, requireUser } from '@/lib/session';

const NAV: (NavItem & { permission: Permission })[] = [
  { href: '/booth', label: 'Booth', permission: 'recordEntries' },
  { href: '/follow-ups', label: 'My follow-ups', permission: 'recordEntries' },
  { href: '/companies', label: 'Companies', permission: 'readCompanies' },
  { href: '/contacts', label: 'Contacts', permission: 'readContacts' },
  { href: '/campaigns', label: 'Campaigns', permission: 'readRevenue' },
  { href: '/stalls', label: 'Stalls', permission: 'readRevenue' },
  { href: '/admin/users', label: 'Users', permission: 'manage' },
  { href: '/admin/locations', label: 'Locations', permission: 'manage' },
  { href: '/admin/campaigns', label: 'Manage campaigns', permission: 'manage' },
  { href: '/admin/settings', label: 'Settings', permission: 'manage' },
  { href: '/admin/import', label: 'Legacy import', permission: 'manage' },
  { href: '/admin/audit', label: 'Audit log', permission: 'manage' },
];

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const items = NAV.filter((item) => can(user.role, item.permission)).map(({ href, label }) => ({ href, label }));

  async function signOutAction() {
    'use server';
    // Ends the session on the server first (a copied cookie stops working too), then clears this browser's cookie.
    const current = await getCurrentUser();
    if (current) await endSessions(db, current.id);
    await signOut({ redirectTo: '/login' });
  }

  return (
    <div className="min-h-dvh">
      <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/95 backdrop-blur">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
          <span className="text-lg font-semibold text-brand-800">Paridharan</span>
          <div className="order-last w-full lg:order-none lg:w-auto lg:flex-1">
            <Nav items={items} />
          </div>
          <div className="ml-auto flex items-center gap-3">
            <p className="text-right text-sm leading-tight">
              <span className="block font-medium" data-testid="user-name">
                {user.name}
              </span>
              <span className="text-slate-600">{ROLE_LABELS[user.role]}</span>
            </p>
            <SignOutButton userId={user.id} action={signOutAction} />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
      {/* Keeps the booth and My follow-ups on the device for this user, to open them offline. */}
      <ServiceWorker warm />
    </div>
  );
}
