'use client';

import { Button } from '@/components/ui/button';

export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-xl bg-red-50 p-6 ring-1 ring-red-200">
      <h1 className="text-xl font-semibold text-red-900">Something went wrong</h1>
      <p className="mt-2 text-red-800">Nothing you typed was lost on our side. Try again; if it keeps happening, tell an admin{error.digest ? ` (reference ${error.digest})` : ''}.</p>
      <Button className="mt-4" variant="secondary" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
