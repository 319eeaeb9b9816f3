import { withTenantRoute } from "@/lib/http/tenant-route";
import { importTemplate } from "@/lib/import/import-template";
import { spreadsheetResponse } from "@/lib/http/spreadsheet-response";
import { getT } from "@/lib/i18n/instance";

export const dynamic = "force-dynamic";

/** The import template (headers and an example row) in nb, sv or en, as XLSX or CSV. */
export const GET = withTenantRoute("participant.manage", async ({ search, locale }) => {
  const format = search.get("format") === "csv" ? "csv" : "xlsx";
  const table = importTemplate(locale, format);
  const t = getT(locale, ["import"]);
  return spreadsheetResponse(table, {
    format,
    locale,
    fileName: `samspill-${t("import:template.fileName")}`,
    sheet: t("import:template.sheet"),
  });
});
