import { withTenantRoute } from "@/lib/http/tenant-route";
import { getTenantDashboard } from "@/lib/dashboards/get-dashboard";
import { dashboardFiltersSchema } from "@/lib/dashboards/schemas";
import { CSV_TABLES, dashboardCsv, dashboardXlsx, tableCsv, tableXlsx, type CsvTable } from "@/lib/dashboards/csv";
import { CSV_TYPE, downloadResponse } from "@/lib/http/spreadsheet-response";
import { XLSX_TYPE } from "@/lib/http/xlsx";
import { AppError } from "@/lib/errors";
import { getT } from "@/lib/i18n/instance";
import { readRelease } from "@/lib/releases/read-release";
import { exportedReleaseTable, releaseTables, RELEASE_TABLES, type ReleaseTable } from "@/lib/releases/release-tables";

export const dynamic = "force-dynamic";

const isTable = (table: string): table is CsvTable => (CSV_TABLES as readonly string[]).includes(table);
const isReleaseTable = (table: string): table is ReleaseTable => (RELEASE_TABLES as readonly string[]).includes(table);

/**
 * CSV (or with `format=xlsx`, Excel) export of one dashboard table, with the page's rules: partners (and staff
 * "as partners see it") get the published release's table, never live figures; staff their exact live tables.
 */
export const GET = withTenantRoute<{ tenant: string; table: string }>(
  "dashboard.view",
  async ({ ctx, params, search, locale }) => {
    const { table } = params;
    const query = Object.fromEntries(search);
    const t = getT(locale, ["dashboard", "enums", "common"]);
    if (ctx.role === "PARTNER_VIEWER" || query.view === "shared") {
      if (!isReleaseTable(table)) throw new AppError("NOT_FOUND", "errors:notFound");
      const read = await readRelease(ctx, { releaseId: query.release, asOrganisation: query.as });
      const exported =
        read?.scope && !read.scope.withheld
          ? exportedReleaseTable(releaseTables(read.scope, read.labels, t), table, t)
          : null;
      if (!read || !exported) throw new AppError("NOT_FOUND", "errors:notFound");
      const name = `samspill-${ctx.tenantSlug}-${read.release.asOf.toISOString().slice(0, 10)}-${table}`;
      if (query.format === "xlsx")
        return downloadResponse(await tableXlsx(exported), { fileName: `${name}.xlsx`, contentType: XLSX_TYPE });
      return downloadResponse(tableCsv(exported, locale), { fileName: `${name}.csv`, contentType: CSV_TYPE });
    }
    if (!isTable(table)) throw new AppError("NOT_FOUND", "errors:notFound");
    const { tables } = await getTenantDashboard(ctx, dashboardFiltersSchema.parse(query), { t });
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
