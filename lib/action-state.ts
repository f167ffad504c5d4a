/** What every form action returns; forms read it through useActionState. */
export type ActionState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  /** The submitted values, echoed back so a refused form keeps its input (never passwords). */
  values?: Record<string, string>;
};

export const initialActionState: ActionState = { ok: false };
