import "server-only";
/**
 * Failures that a user can cause carry a code and a translation key, never an English sentence; routes map
 * the code to a status. NOT_FOUND is also the answer to "not yours": a tenant's existence must not leak.
 */
export const AppErrorCode = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  INVALID_INPUT: "INVALID_INPUT",
  CONFLICT: "CONFLICT",
  UNAUTHENTICATED: "UNAUTHENTICATED",
} as const;
export type AppErrorCode = (typeof AppErrorCode)[keyof typeof AppErrorCode];

export class AppError extends Error {
  constructor(
    public readonly code: AppErrorCode,
    /** Translation key, e.g. "errors:notFound". */
    public readonly messageKey: string,
    public readonly fieldErrors?: Record<string, string>,
    /** Plain values for the form beside the message (e.g. a provider's own error text, shown as is). */
    public readonly data?: Record<string, string>,
  ) {
    super(`${code}: ${messageKey}`);
    this.name = "AppError";
  }
}

export const httpStatus: Record<AppErrorCode, number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 404,
  INVALID_INPUT: 400,
  CONFLICT: 409,
  UNAUTHENTICATED: 401,
};
