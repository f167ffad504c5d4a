'use client';

import { useActionState } from 'react';

import { useConfirmStep } from '@/components/forms/confirm-step';
import { FormMessage } from '@/components/forms/field';
import { Button, buttonClass } from '@/components/ui/button';
import { initialActionState } from '@/lib/action-state';
import { formatCount } from '@/lib/format';

import { revertImportAction } from './actions';

/** "Revert this import", with a second, explicit confirmation saying what it will do. */
export function RevertForm({ importId, created, updated }: { importId: string; created: number; updated: number }) {
  const [state, action, isPending] = useActionState(revertImportAction, initialActionState);
  const { confirming, confirmRef, startRef, ask, cancel, close } = useConfirmStep();

  return (
    <form
      action={(formData) => {
        close();
        action(formData);
      }}
      className="space-y-3"
    >
      <input type="hidden" name="import_id" value={importId} />
      <FormMessage state={state} />
      {state.ok ? null : confirming ? (
        <div className="space-y-3 rounded-lg bg-amber-50 p-4 ring-1 ring-amber-200">
          <p id="revert-warning" className="text-amber-900">
            This deletes the {formatCount(created)} contacts the import created (those that already have a follow-up,
            talk, booking or campaign message are soft-deleted instead) and puts the {formatCount(updated)} contacts it
            updated back to their values before it, whatever was changed since.
          </p>
          <div className="flex flex-wrap gap-3">
            <button
              ref={confirmRef}
              type="submit"
              className={buttonClass('danger')}
              aria-describedby="revert-warning"
              disabled={isPending}
            >
              Yes, revert the import
            </button>
            <Button variant="secondary" onClick={cancel}>
              No, keep it
            </Button>
          </div>
        </div>
      ) : (
        <button ref={startRef} type="button" className={buttonClass('danger')} disabled={isPending} onClick={ask}>
          {isPending ? 'Reverting…' : 'Revert this import'}
        </button>
      )}
    </form>
  );
}
