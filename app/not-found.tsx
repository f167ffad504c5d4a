import Link from 'next/link';
import { connection } from 'next/server';

import { buttonClass } from '@/components/ui/button';

/** Rendered per request (not prerendered) so its scripts carry the request's CSP nonce. */
export default async function NotFound() {
  await connection();
  return (
    <main className="mx-auto flex min-h-[60dvh] max-w-xl flex-col items-start justify-center gap-4 p-6">
      <p className="text-sm font-semibold text-slate-600">404</p>
      <h1 className="text-2xl font-semibold">Nothing here</h1>
      <p className="text-slate-600">The page or record you asked for does not exist (or no longer does).</p>
      <Link href="/" className={buttonClass('secondary')}>
        Back to your start page
      </Link>
    </main>
  );
}
