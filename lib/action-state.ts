/** What every form action returns; forms read it through useActionState. */
export type ActionState<T = unknown> = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  /** The submitted values, echoed back so a refused form keeps its input (never passwords). */
  values?: Record<string, string>;
  /** What the write produced, for a confirmation. */
  data?: T;
};

export const initialActionState: ActionState<never> = { ok: false };
