/** A dashboard widget's frame: a titled section with an optional action (an export link, a period switch) beside its title. */
export function Card({
  id,
  title,
  action,
  children,
}: {
  id?: string;
  title: string;
  action?: React.ReactNode;
  children: React.ReactNode;
}) {
  // min-w-0: a wide table scrolls inside its card; without it the card (a grid item) grows and the page scrolls sideways.
  return (
    <section
      {...(id ? { 'aria-labelledby': id } : { 'aria-label': title })}
      className="min-w-0 rounded-xl bg-white p-4 ring-1 ring-slate-200"
    >
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id={id} className="font-semibold">
          {title}
        </h2>
        {action}
      </div>
      {children}
    </section>
  );
}

/** A widget's stand-in while it streams: the same frame and title, so the page does not jump when it arrives. */
export function WidgetSkeleton({ title, height = 'h-32' }: { title: string; height?: string }) {
  return (
    <section
      aria-busy="true"
      aria-label={`${title} (loading)`}
      className="rounded-xl bg-white p-4 ring-1 ring-slate-200"
    >
      <h2 className="mb-3 font-semibold">{title}</h2>
      <div className={`${height} animate-pulse rounded-lg bg-slate-100`} />
    </section>
  );
}

/** A page's titled section on white (a form, a group of details): wider padding and a larger title than a dashboard Card. */
export function Panel({
  id,
  title,
  className,
  children,
}: {
  id: string;
  title: React.ReactNode;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <section
      aria-labelledby={id}
      className={`rounded-xl bg-white p-6 ring-1 ring-slate-200${className ? ` ${className}` : ''}`}
    >
      <h2 id={id} className="mb-4 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
