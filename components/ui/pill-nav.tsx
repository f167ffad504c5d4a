import Link from 'next/link';

export type PillNavItem = { key: string; href: string; label: React.ReactNode };

/** A row of links that switch what a list shows (a tab, a status filter); the current one is filled and marked aria-current. */
export function PillNav({
  label,
  items,
  current,
  className,
}: {
  label: string;
  items: PillNavItem[];
  current: string;
  className: string;
}) {
  return (
    <nav aria-label={label} className={className}>
      <ul className="flex flex-wrap gap-2">
        {items.map((item) => (
          <li key={item.key}>
            <Link
              href={item.href}
              aria-current={item.key === current ? 'page' : undefined}
              className={`inline-flex touch-target items-center rounded-lg px-3 font-medium ${item.key === current ? 'bg-brand-700 text-white' : 'bg-white text-slate-800 ring-1 ring-slate-300 hover:bg-slate-100'}`}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
