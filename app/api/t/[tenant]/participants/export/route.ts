import { currentUser } from "@/lib/auth/session";
import { resolveTenantContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { exportPathways } from "@/lib/import/export-pathways";
import { listParticipantsSchema } from "@/lib/participants/schemas";
import { spreadsheetResponse } from "@/lib/http/spreadsheet-response";
import { getT } from "@/lib/i18n/instance";
import { isLocale, type Locale } from "@/lib/i18n/settings";

export const dynamic = "force-dynamic";

/**
 * The participant list as filtered, one row per step of each pathway, as XLSX (default) or CSV, in the import's
 * format. Staff only (it holds personal data); audited.
 */
export async function GET(request: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const user = await currentUser();
  const ctx = user ? await resolveTenantContext(user.id, tenant, user.via) : null;
  if (!ctx || !can(ctx.role, "participant.view")) return Response.json({ error: "not found" }, { status: 404 });
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const locale: Locale = isLocale(search.locale)
    ? search.locale
    : isLocale(ctx.defaultLocale)
      ? ctx.defaultLocale
      : "en";
  const format = search.format === "csv" ? "csv" : "xlsx";
  const { page: _page, sort: _sort, ...query } = listParticipantsSchema.parse(search);
  const table = await exportPathways(ctx, query, locale, format);
  const name = `samspill-${ctx.tenantSlug}-${getT(locale, ["import"])("import:export.fileName")}`;
  return spreadsheetResponse(table, {
    format,
    locale,
    fileName: name,
    sheet: getT(locale, ["import"])("import:export.sheet"),
  });
}
