/**
 * A box that scrolls (a wide table, a long list) and can be reached by
 * keyboard: a named region in the tab order, so arrow keys scroll it, with a
 * visible focus ring (WCAG 2.1.1; axe `scrollable-region-focusable`). Every
 * scroller of the app is one of these. Name it with `label`, or with
 * `labelledBy` (the id of the heading it belongs to).
 */
export function ScrollRegion({
  label,
  labelledBy,
  className = '',
  children,
}: ({ label: string; labelledBy?: never } | { labelledBy: string; label?: never }) & {
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div
      role="region"
      aria-label={label}
      aria-labelledby={labelledBy}
      tabIndex={0}
      className={`overflow-auto focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 ${className}`}
    >
      {children}
    </div>
  );
}
