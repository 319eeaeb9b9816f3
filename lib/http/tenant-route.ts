import "server-only";
import { ZodError } from "zod";
import { currentUser } from "../auth/session.ts";
import { resolveTenantContext, type ResolvedTenant } from "../auth/context.ts";
import { can, type Action } from "../auth/permissions.ts";
import { AppError, httpStatus } from "../errors.ts";
import { isLocale, type Locale } from "../i18n/settings.ts";

/** What a tenant route handler gets once the frame has let the request in. */
export type TenantRoute<P> = {
  request: Request;
  params: P;
  ctx: ResolvedTenant;
  /** The request's query string. */
  search: URLSearchParams;
  /** The reader's language (routeLocale). */
  locale: Locale;
};

type RouteParams = { tenant: string };

/**
 * The language of a route's answer, the same rule for every route: the `locale` the page put in the link, else
 * the tenant's default language, else English.
 */
export function routeLocale(search: URLSearchParams, ctx: { defaultLocale: string } | null): Locale {
  const asked = search.get("locale");
  if (isLocale(asked)) return asked;
  return ctx && isLocale(ctx.defaultLocale) ? ctx.defaultLocale : "en";
}

/**
 * The answer to a refused or failed request: the status from the one map in lib/errors.ts (NOT_FOUND and
 * FORBIDDEN both 404, so a tenant's or a record's existence does not leak) and the translation key.
 */
export function errorResponse(error: AppError): Response {
  return Response.json({ error: error.messageKey }, { status: httpStatus[error.code] });
}

const refused = () => errorResponse(new AppError("NOT_FOUND", "errors:notFound"));

/**
 * The frame of every route handler under app/api/t/[tenant]: who asks for which tenant, whether their role may
 * take `permission` (`null`: any member), the reader's language, then the handler. Signed out, not a member and
 * not allowed all get the same 404 (Dub's withWorkspace does the same), so a route never tells a stranger that a
 * tenant exists. An AppError thrown by the use case becomes its status through the one map; a query string the
 * route's schema refuses is invalid input (400), not a 500.
 */
export function withTenantRoute<P extends RouteParams>(
  permission: Action | null,
  handler: (route: TenantRoute<P>) => Promise<Response>,
  options: { onRefused?: (request: Request) => Promise<void> } = {},
) {
  return async (request: Request, { params }: { params: Promise<P> }): Promise<Response> => {
    const resolved = await params;
    const user = await currentUser();
    const ctx =
      user && typeof resolved.tenant === "string"
        ? await resolveTenantContext(user.id, resolved.tenant, user.via)
        : null;
    if (!ctx || (permission && !can(ctx.role, permission))) {
      await options.onRefused?.(request);
      return refused();
    }
    const search = new URL(request.url).searchParams;
    try {
      return await handler({ request, params: resolved, ctx, search, locale: routeLocale(search, ctx) });
    } catch (error) {
      if (error instanceof AppError) return errorResponse(error);
      if (error instanceof ZodError) return errorResponse(new AppError("INVALID_INPUT", "errors:invalidInput"));
      throw error;
    }
  };
}
