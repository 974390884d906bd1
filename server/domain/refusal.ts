/**
 * The one vocabulary in which the rules refuse a request. Query and domain
 * code throw a `Refusal` with a sentence the person can act on; nothing was
 * written. server/api/trpc.ts turns every refusal into its tRPC error in one
 * place, so a router never translates one.
 */
export const REFUSAL_KINDS = ["not_found", "invalid", "forbidden", "conflict", "precondition_failed"] as const;
export type RefusalKind = (typeof REFUSAL_KINDS)[number];

export interface RefusalOptions {
  /** The form field the sentence belongs to, so a form can show it beside that field. */
  field?: string;
}

export class Refusal extends Error {
  readonly field?: string;

  constructor(
    /** not_found: no such thing, or not yours · invalid: the request breaks a rule ·
     *  forbidden: not for this person · conflict: something changed since ·
     *  precondition_failed: not in this state (a closed cycle, say). */
    readonly kind: RefusalKind,
    message: string,
    options: RefusalOptions = {},
  ) {
    super(message);
    this.name = "Refusal";
    this.field = options.field;
  }
}
