'use client';

import { Button } from '@/components/ui/button';
import { forgetCopies } from '@/lib/offline/device-copy';
import { forgetOfflinePages } from '@/lib/offline/service-worker';

import { useQueue } from './sync-status';

/**
 * The header's "Sign out": with entries of this user still waiting on the tablet, it asks first
 * (they stay on the device and are sent when the same user signs in again).
 */
export function SignOutButton({ userId, action }: { userId: string; action: () => Promise<void> }) {
  const queue = useQueue(userId);
  const waiting = queue?.waiting ?? 0;
  return (
    <form
      action={action}
      onSubmit={(event) => {
        if (
          waiting > 0 &&
          !window.confirm(
            `${waiting} ${waiting === 1 ? 'entry is' : 'entries are'} still waiting on this tablet to be sent. ` +
              'They stay here and are sent when you sign in again. Sign out anyway?',
          )
        ) {
          event.preventDefault();
          return;
        }
        // Nothing of this user's pages or kept companies stays on the tablet for the next one.
        void forgetOfflinePages();
        void forgetCopies().catch(() => undefined);
      }}
    >
      <Button type="submit" variant="secondary">
        Sign out
      </Button>
    </form>
  );
}
