// Shared with client components, so not "server-only".
// Shared by server actions and the client forms that show their result. Messages are translation keys.
export type ActionState = {
  status: "idle" | "ok" | "error";
  /** A translation key for the whole form, e.g. "participants:timeline.added" or "errors:conflict". */
  message?: string;
  /** Per field: a translation key in the errors namespace, e.g. { endDate: "validation.endBeforeStart" }. */
  fieldErrors?: Record<string, string>;
  /** Plain values the client needs after a success (e.g. the new tenant's slug). */
  data?: Record<string, string>;
  /** Increments on every answer, so a form can react to two identical answers in a row. */
  seq?: number;
};

export const idle: ActionState = { status: "idle" };
