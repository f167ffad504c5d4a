'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';

export type ContactsNavItem = { href: string; label: string };

/** Which item a URL is on: the list's view (or the add form's type), or the page itself. */
function isCurrent(href: string, pathname: string, params: URLSearchParams): boolean {
  const url = new URL(href, 'http://x');
  if (url.pathname !== '/contacts') return pathname === url.pathname || pathname.startsWith(`${url.pathname}/`);
  const visitors = url.searchParams.get('view') === 'visitors';
  if (pathname === '/contacts') return (params.get('view') === 'visitors') === visitors;
  if (pathname === '/contacts/new') return (params.get('type') === 'visitor') === visitors;
  return false;
}

/** The contacts area's own navigation (the server decides the items: Import and Duplicates for admins only). */
export function ContactsNav({ items }: { items: ContactsNavItem[] }) {
  const pathname = usePathname();
  const params = useSearchParams();
  return (
    <nav aria-label="Contacts" className="mb-6 overflow-x-auto border-b border-slate-200">
      <ul className="flex gap-1">
        {items.map((item) => {
          const current = isCurrent(item.href, pathname, params);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? 'page' : undefined}
                className={`-mb-px flex touch-target items-center border-b-2 px-3 text-base font-medium whitespace-nowrap ${current ? 'border-brand-700 text-brand-800' : 'border-transparent text-slate-700 hover:border-slate-300 hover:text-slate-900'}`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
