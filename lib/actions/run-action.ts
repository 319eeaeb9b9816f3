import "server-only";
import { redirect, unstable_rethrow } from "next/navigation";
import { refresh } from "next/cache";
import type { z } from "zod";
import { AppError } from "../errors.ts";
import { asFormData, fieldErrors, formObject, requiredId } from "../validation.ts";
import { currentUser } from "../auth/session.ts";
import { resolveTenantContext, type ResolvedTenant } from "../auth/context.ts";
import { can, type Action } from "../auth/permissions.ts";
import { isDatabaseUnavailable } from "../db/unavailable.ts";
import type { ActionState } from "./state.ts";
import { isLocale, type Locale } from "../i18n/settings.ts";

/**
 * What a use case's callback answers: a message, field errors or data for the form, or `redirectTo`, where the
 * browser goes next once the action has succeeded (the frame redirects; nothing is set inside and checked after).
 */
export type ActionResult = Omit<ActionState, "seq" | "status"> & { redirectTo?: string };

/** The page language an action was bound with, for where to go next (`fallback` if it is not one). */
export function actionLocale(locale: unknown, fallback: Locale = "en"): Locale {
  return isLocale(locale) ? locale : fallback;
}

/** The answer to a callback that succeeded: its redirect, or its result for the form. */
function succeeded(seq: number, result: ActionResult | void): ActionState {
  const { redirectTo, ...rest } = result ?? {};
  if (redirectTo) redirect(redirectTo);
  return { status: "ok", seq, ...rest };
}

// A fresh random tag per answer (not a counter: a shared counter would tell users how busy others are).
const nextSeq = () => Math.random();

/**
 * An action's arguments come from whoever calls it (bound ids included: see tests/e2e/isolation/client.ts), so
 * their types are checked like any input: a "form" that is not a FormData is invalid input (asFormData), and a
 * record id that is not an id names no record.
 */
export function recordId(value: unknown): string {
  const parsed = requiredId.safeParse(value);
  if (!parsed.success) throw new AppError("NOT_FOUND", "errors:notFound");
  return parsed.data;
}

/** One text field of a form ("" when absent), for the few fields no schema covers. */
export function formText(form: FormData, name: string, max = 200): string {
  const value = asFormData(form).get(name);
  return typeof value === "string" ? value.slice(0, max) : "";
}

/** The page's language a public form sends in its hidden `locale` field, for where to go next ("nb" if none). */
export function formLocale(form: FormData): Locale {
  const value = formText(form, "locale", 8);
  return isLocale(value) ? value : "nb";
}

/** One uploaded file of a form, or null. */
export function formFile(form: FormData, name: string): File | null {
  const value = asFormData(form).get(name);
  return value instanceof File ? value : null;
}

/** Parses a form with a domain schema; a failure becomes INVALID_INPUT with a translation key per field. */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData): z.infer<S> {
  const parsed = schema.safeParse(formObject(form));
  if (!parsed.success) throw new AppError("INVALID_INPUT", "errors:invalidInput", fieldErrors(parsed.error));
  return parsed.data;
}

/** An error no user caused: logged; the answer says whether to simply try again (the database was away). */
function unexpected(error: unknown, seq: number): ActionState {
  if (isDatabaseUnavailable(error)) {
    console.error("[action] database unavailable:", error instanceof Error ? error.message : error);
    return { status: "error", seq, message: "errors:unavailable" };
  }
  console.error("[action] unexpected error", error);
  return { status: "error", seq, message: "errors:generic" };
}

/** The frame of an action that needs no tenant (onboarding, accepting an invitation). */
export async function runPublicAction(fn: () => Promise<ActionResult | void>): Promise<ActionState> {
  const seq = nextSeq();
  let result: ActionResult | void;
  try {
    result = await fn();
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof AppError)
      return { status: "error", seq, message: error.messageKey, fieldErrors: error.fieldErrors, data: error.data };
    return unexpected(error, seq);
  }
  return succeeded(seq, result);
}

/**
 * The frame of every server action: who acts for which tenant (a non-member, or a role without the
 * permission, gets "not found"), then the use case; user errors become a translated answer, never a 500,
 * and unexpected errors are logged and answered generically. Writes happen inside the use case's transaction,
 * so a failure changes nothing.
 */
export async function runTenantAction(
  tenantSlug: string,
  action: Action,
  fn: (ctx: ResolvedTenant) => Promise<ActionResult | void>,
): Promise<ActionState> {
  const seq = nextSeq();
  let result: ActionResult | void;
  try {
    if (typeof tenantSlug !== "string") throw new AppError("NOT_FOUND", "errors:notFound");
    const user = await currentUser();
    if (!user) throw new AppError("UNAUTHENTICATED", "errors:signedOut");
    const ctx = await resolveTenantContext(user.id, tenantSlug, user.via);
    if (!ctx || !can(ctx.role, action)) throw new AppError("NOT_FOUND", "errors:notFound");
    result = await fn(ctx);
    refresh();
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof AppError) {
      return { status: "error", seq, message: error.messageKey, fieldErrors: error.fieldErrors, data: error.data };
    }
    return unexpected(error, seq);
  }
  return succeeded(seq, result);
}
