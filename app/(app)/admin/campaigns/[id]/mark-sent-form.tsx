'use client';

import { useActionState } from 'react';

import { useConfirmStep } from '@/components/forms/confirm-step';
import { FormMessage } from '@/components/forms/field';
import { Button, buttonClass } from '@/components/ui/button';
import { initialActionState } from '@/lib/action-state';
import { formatCount, plural } from '@/lib/format';

import { markPendingSentAction } from './actions';

/** "Mark all pending as sent", with a second, explicit confirmation (no window.confirm). */
export function MarkSentForm({ campaignId, pending }: { campaignId: string; pending: number }) {
  const [state, action, isPending] = useActionState(markPendingSentAction, initialActionState);
  const { confirming, confirmRef, startRef, ask, cancel, close } = useConfirmStep();

  return (
    <form
      action={(formData) => {
        close();
        action(formData);
      }}
      className="space-y-3"
    >
      <input type="hidden" name="campaign_id" value={campaignId} />
      <FormMessage state={state} />
      {confirming ? (
        <div className="space-y-3 rounded-lg bg-amber-50 p-4 ring-1 ring-amber-200">
          <p id="mark-sent-warning" className="text-amber-900">
            This records {plural(pending, 'pending recipient')} as sent now, without sending anything. Do it only when
            the messages went out another way.
          </p>
          <div className="flex flex-wrap gap-3">
            <button
              ref={confirmRef}
              type="submit"
              className={buttonClass('danger')}
              aria-describedby="mark-sent-warning"
              disabled={isPending}
            >
              Yes, mark {formatCount(pending)} sent
            </button>
            <Button variant="secondary" onClick={cancel}>
              No, keep them pending
            </Button>
          </div>
        </div>
      ) : (
        <button
          ref={startRef}
          type="button"
          className={buttonClass('secondary')}
          disabled={pending === 0 || isPending}
          onClick={ask}
        >
          {isPending ? 'Marking…' : 'Mark all pending as sent'}
        </button>
      )}
      {pending === 0 ? <p className="text-sm text-slate-600">No recipients are pending.</p> : null}
    </form>
  );
}
