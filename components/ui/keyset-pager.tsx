import Link from 'next/link';

import { buttonClass } from '@/components/ui/button';

/** "First page" (when not on it) and "Next" (when there is more) for a list paged by a cursor in the URL. */
export function KeysetPager({ firstHref, nextHref }: { firstHref: string | null; nextHref: string | null }) {
  return (
    <div className="mt-3 flex flex-wrap gap-3">
      {firstHref ? (
        <Link href={firstHref} className={buttonClass('secondary')}>
          First page
        </Link>
      ) : null}
      {nextHref ? (
        <Link href={nextHref} className={buttonClass('secondary')}>
          Next
        </Link>
      ) : null}
    </div>
  );
}
