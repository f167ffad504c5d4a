'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * A destructive form's second, explicit step (no window.confirm): `ask` shows
 * the confirmation and focuses its "Yes" button (`confirmRef`); `cancel` hides
 * it and gives the focus back to the first button (`startRef`); `close` hides
 * it when the form is submitted.
 */
export function useConfirmStep() {
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (returnFocus.current) startRef.current?.focus();
    returnFocus.current = false;
  }, [confirming]);
  return {
    confirming,
    confirmRef,
    startRef,
    ask: () => setConfirming(true),
    cancel: () => {
      returnFocus.current = true;
      setConfirming(false);
    },
    close: () => setConfirming(false),
  };
}
