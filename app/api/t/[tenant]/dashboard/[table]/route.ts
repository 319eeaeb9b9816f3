import { currentUser } from "@/lib/auth/session";
import { resolveTenantContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { getTenantDashboard } from "@/lib/dashboards/get-dashboard";
import { dashboardFiltersSchema } from "@/lib/dashboards/filters";
import { CSV_TABLES, dashboardCsv, dashboardXlsx, type CsvTable } from "@/lib/dashboards/csv";
import { getT } from "@/lib/i18n/instance";
import { isLocale } from "@/lib/i18n/settings";
import { readRelease } from "@/lib/releases/read-release";
import { exportedReleaseTable, releaseTables, RELEASE_TABLES, type ReleaseTable } from "@/lib/releases/release-tables";
import { tableCsv, tableXlsx } from "@/lib/dashboards/csv";

export const dynamic = "force-dynamic";

const notFound = () => Response.json({ error: "not found" }, { status: 404 });

/** CSV (or with `format=xlsx`, Excel) export of one dashboard table: the same rules as the page (a partner gets
 * the protected figures). */
export async function GET(request: Request, { params }: { params: Promise<{ tenant: string; table: string }> }) {
  const { tenant, table } = await params;
  const user = await currentUser();
  if (!user) return Response.json({ error: "sign in" }, { status: 401 });
  const ctx = await resolveTenantContext(user.id, tenant, user.via);
  if (!ctx || !can(ctx.role, "dashboard.view")) return notFound();
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const locale = isLocale(search.locale) ? search.locale : isLocale(ctx.defaultLocale) ? ctx.defaultLocale : "en";
  const t = getT(locale, ["dashboard", "enums", "common"]);
  // Partners (and staff "as partners see it") download the published release's tables, never live figures.
  if (ctx.role === "PARTNER_VIEWER" || search.view === "shared") {
    if (!(RELEASE_TABLES as readonly string[]).includes(table)) return notFound();
    const read = await readRelease(ctx, { releaseId: search.release, asOrganisation: search.as });
    const exported =
      read?.scope && !read.scope.withheld
        ? exportedReleaseTable(releaseTables(read.scope, read.labels, t), table as ReleaseTable, t)
        : null;
    if (!read || !exported) return notFound();
    const name = `samspill-${ctx.tenantSlug}-${read.release.asOf.toISOString().slice(0, 10)}-${table}`;
    if (search.format === "xlsx") return download(new Uint8Array(await tableXlsx(exported)), `${name}.xlsx`, XLSX);
    return download(tableCsv(exported, locale), `${name}.csv`, "text/csv; charset=utf-8");
  }
  if (!(CSV_TABLES as readonly string[]).includes(table)) return notFound();
  const filters = dashboardFiltersSchema.parse(search);
  const { tables } = await getTenantDashboard(ctx, filters, {
    preferShared: search.view === "shared",
    asOrganisation: search.as,
    t,
  });
  if (search.format === "xlsx") {
    return new Response(new Uint8Array(await dashboardXlsx(tables, table as CsvTable, t)), {
      headers: {
        "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "content-disposition": `attachment; filename="samspill-${ctx.tenantSlug}-${table}.xlsx"`,
        "cache-control": "no-store",
      },
    });
  }
  const csv = dashboardCsv(tables, table as CsvTable, locale, t);
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="samspill-${ctx.tenantSlug}-${table}.csv"`,
      "cache-control": "no-store",
    },
  });
}

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function download(body: BodyInit, fileName: string, contentType: string): Response {
  return new Response(body, {
    headers: {
      "content-type": contentType,
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store",
    },
  });
}
