import { withTenantRoute } from "@/lib/http/tenant-route";
import { getTenantDashboard } from "@/lib/dashboards/get-dashboard";
import { dashboardFiltersSchema } from "@/lib/dashboards/filters";
import { CSV_TABLES, dashboardCsv, dashboardXlsx, type CsvTable } from "@/lib/dashboards/csv";
import { CSV_TYPE, downloadResponse } from "@/lib/http/spreadsheet-response";
import { XLSX_TYPE } from "@/lib/http/xlsx";
import { AppError } from "@/lib/errors";
import { getT } from "@/lib/i18n/instance";

export const dynamic = "force-dynamic";

const isTable = (table: string): table is CsvTable => (CSV_TABLES as readonly string[]).includes(table);

/** CSV (or with `format=xlsx`, Excel) export of one dashboard table: the same rules as the page (a partner gets
 * the protected figures). */
export const GET = withTenantRoute<{ tenant: string; table: string }>(
  "dashboard.view",
  async ({ ctx, params, search, locale }) => {
    const { table } = params;
    if (!isTable(table)) throw new AppError("NOT_FOUND", "errors:notFound");
    const query = Object.fromEntries(search);
    const t = getT(locale, ["dashboard", "enums", "common"]);
    const { tables } = await getTenantDashboard(ctx, dashboardFiltersSchema.parse(query), {
      preferShared: query.view === "shared",
      asOrganisation: query.as,
      t,
    });
    const fileName = `samspill-${ctx.tenantSlug}-${table}`;
    if (query.format === "xlsx") {
      return downloadResponse(await dashboardXlsx(tables, table, t), {
        fileName: `${fileName}.xlsx`,
        contentType: XLSX_TYPE,
      });
    }
    return downloadResponse(dashboardCsv(tables, table, locale, t), {
      fileName: `${fileName}.csv`,
      contentType: CSV_TYPE,
    });
  },
);
