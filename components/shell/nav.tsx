'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState } from 'react';

export type NavItem = { href: string; label: string };

/** More items than fit one row of a 768 px tablet: below the desktop width they fold into a menu. */
const MENU_FROM = 7;

/**
 * The role's navigation; the server decides the items, this only marks the current one. A long list
 * (the admin's) is a "Menu" button below the desktop width, opening the links as a grid.
 */
export function Nav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const isCurrent = (item: NavItem) => pathname === item.href || pathname.startsWith(`${item.href}/`);
  const folds = items.length >= MENU_FROM;
  const current = items.find(isCurrent);
  return (
    <nav aria-label="Main" className={folds ? '' : 'overflow-x-auto'}>
      {folds ? (
        <button
          type="button"
          aria-expanded={open}
          aria-controls="main-nav-list"
          onClick={() => setOpen((o) => !o)}
          className="flex touch-target items-center gap-2 rounded-lg px-3 text-base font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-100 lg:hidden"
        >
          <span aria-hidden="true">{open ? '✕' : '☰'}</span>
          Menu{current ? <span className="text-slate-600">· {current.label}</span> : null}
        </button>
      ) : null}
      <ul
        id="main-nav-list"
        className={
          folds
            ? `${open ? 'mt-2 grid grid-cols-2 gap-1 sm:grid-cols-3' : 'hidden'} lg:mt-0 lg:flex lg:flex-wrap lg:gap-1`
            : 'flex gap-1'
        }
      >
        {items.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={isCurrent(item) ? 'page' : undefined}
              onClick={() => setOpen(false)}
              className={`flex touch-target items-center rounded-lg px-3 text-base font-medium whitespace-nowrap ${
                isCurrent(item) ? 'bg-brand-700 text-white' : 'text-slate-700 hover:bg-slate-100'
              }`}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
