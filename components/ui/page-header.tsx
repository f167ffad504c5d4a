import Link from 'next/link';

/** A page's title; `back` is the link above it to the page it was opened from ("← All campaigns"). */
export function PageHeader({
  title,
  description,
  actions,
  back,
}: {
  title: string;
  description?: string;
  actions?: React.ReactNode;
  back?: { href: string; label: string };
}) {
  return (
    <>
      {back ? (
        <Link href={back.href} className="inline-flex touch-target items-center text-brand-700">
          ← {back.label}
        </Link>
      ) : null}
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
          {description ? <p className="mt-1 text-slate-600">{description}</p> : null}
        </div>
        {actions}
      </div>
    </>
  );
}

export function EmptyState({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center">
      <h2 className="text-lg font-medium">{title}</h2>
      {children ? <div className="mt-2 text-slate-600">{children}</div> : null}
    </div>
  );
}
