import 'server-only';

import { headers } from 'next/headers';
import type { z } from 'zod';

import { runAs, type AuditActor } from '@/db/services/audit';
import type { ActionState, DataState } from '@/lib/action-state';
import { handleCall, handleForm } from '@/lib/form-action';
import type { Permission } from '@/lib/permissions';
import { getCurrentUser, type SessionUser } from '@/lib/session';

export type { ActionState, DataState } from '@/lib/action-state';

/** The audit trail's author of an action: the signed-in user, on the screen the action was sent from (its Referer's path). */
async function screenActor(user: SessionUser): Promise<AuditActor> {
  let detail: string | null = null;
  try {
    // Outside a request (an action called by a test or a script) there are no headers: no screen to name.
    const referer = (await headers()).get('referer');
    detail = referer ? new URL(referer).pathname : null;
  } catch {
    detail = null;
  }
  return { userId: user.id, origin: 'screen', detail };
}

/**
 * One validated-action helper: the signed-in user and their permission first,
 * then zod, then the write (lib/form-action.ts). Expected failures (DomainError)
 * become form messages; anything else reaches error.tsx. Call
 * revalidatePath/redirect inside `run` after the commit — they are not caught here.
 */
export function validatedAction<S extends z.ZodType, T = unknown>(
  permission: Permission,
  schema: S,
  run: (data: z.output<S>, user: SessionUser) => Promise<ActionState<T>>,
) {
  return async (_prev: ActionState<T>, formData: FormData): Promise<ActionState<T>> =>
    handleForm(await getCurrentUser(), permission, schema, formData, async (data, user) =>
      runAs(await screenActor(user), () => run(data, user)),
    );
}

/**
 * The same contract for an action called with one plain argument (a lookup, a
 * search, a chunk of an upload): `run` returns the data, the caller gets a
 * DataState; `invalid` is the message for an argument that is not as expected.
 */
export function validatedCall<S extends z.ZodType, T>(
  permission: Permission,
  schema: S,
  run: (data: z.output<S>, user: SessionUser) => Promise<T>,
  invalid?: string,
) {
  return async (input: z.input<S>): Promise<DataState<T>> =>
    handleCall(
      await getCurrentUser(),
      permission,
      schema,
      input,
      async (data, user) => runAs(await screenActor(user), () => run(data, user)),
      invalid,
    );
}
