import { withTenantRoute } from "@/lib/http/tenant-route";
import { exportPathways } from "@/lib/pathways/export-pathways";
import { listParticipantsSchema } from "@/lib/participants/schemas";
import { spreadsheetResponse } from "@/lib/http/spreadsheet-response";
import { getT } from "@/lib/i18n/instance";

export const dynamic = "force-dynamic";

/**
 * The participant list as filtered, one row per step of each pathway, as XLSX (default) or CSV, in the import's
 * format. Staff only (it holds personal data); audited.
 */
export const GET = withTenantRoute("participant.view", async ({ ctx, search, locale }) => {
  const format = search.get("format") === "csv" ? "csv" : "xlsx";
  const { page: _page, sort: _sort, ...query } = listParticipantsSchema.parse(Object.fromEntries(search));
  const table = await exportPathways(ctx, query, locale, format);
  const t = getT(locale, ["import"]);
  return spreadsheetResponse(table, {
    format,
    locale,
    fileName: `samspill-${ctx.tenantSlug}-${t("import:export.fileName")}`,
    sheet: t("import:export.sheet"),
  });
});
