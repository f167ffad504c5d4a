/** A dashboard's key figures: label and formatted value tiles, one region named "Key figures". */
export function KeyFigures({ tiles }: { tiles: [label: string, value: string][] }) {
  return (
    <section aria-label="Key figures">
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        {tiles.map(([label, value]) => (
          <div key={label} className="rounded-xl bg-white p-4 ring-1 ring-slate-200">
            <dt className="text-sm text-slate-600">{label}</dt>
            <dd className="mt-1 text-xl font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
