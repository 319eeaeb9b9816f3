import { currentUser } from "@/lib/auth/session";
import { resolveTenantContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { importTemplate } from "@/lib/import/export-pathways";
import { spreadsheetResponse } from "@/lib/http/spreadsheet-response";
import { getT } from "@/lib/i18n/instance";
import { isLocale, type Locale } from "@/lib/i18n/settings";

export const dynamic = "force-dynamic";

/** The import template (headers and an example row) in nb, sv or en, as XLSX or CSV. */
export async function GET(request: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const user = await currentUser();
  const ctx = user ? await resolveTenantContext(user.id, tenant, user.via) : null;
  if (!ctx || !can(ctx.role, "participant.manage")) return Response.json({ error: "not found" }, { status: 404 });
  const search = new URL(request.url).searchParams;
  const locale: Locale = isLocale(search.get("locale")) ? (search.get("locale") as Locale) : "en";
  const format = search.get("format") === "csv" ? "csv" : "xlsx";
  const table = importTemplate(locale, format);
  const name = `samspill-${getT(locale, ["import"])("import:template.fileName")}`;
  return spreadsheetResponse(table, {
    format,
    locale,
    fileName: name,
    sheet: getT(locale, ["import"])("import:template.sheet"),
  });
}
