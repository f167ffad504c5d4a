import Link from 'next/link';

import { buttonClass } from '@/components/ui/button';

export default function Forbidden() {
  return (
    <main className="mx-auto flex min-h-[60dvh] max-w-xl flex-col items-start justify-center gap-4 p-6">
      <p className="text-sm font-semibold text-red-700">403 · Not allowed</p>
      <h1 className="text-2xl font-semibold">This page is beyond your role</h1>
      <p className="text-slate-600">
        Your account can’t open this page. If you need it for your work, ask an admin to change your role.
      </p>
      <Link href="/" className={buttonClass('secondary')}>
        Back to your start page
      </Link>
    </main>
  );
}
