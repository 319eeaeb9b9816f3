import { currentUser } from "@/lib/auth/session";
import { resolveTenantContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { getTenantDashboard } from "@/lib/dashboards/get-dashboard";
import { dashboardFiltersSchema } from "@/lib/dashboards/filters";
import { CSV_TABLES, dashboardCsv, dashboardXlsx, type CsvTable } from "@/lib/dashboards/csv";
import { getT } from "@/lib/i18n/instance";
import { isLocale } from "@/lib/i18n/settings";

export const dynamic = "force-dynamic";

const notFound = () => Response.json({ error: "not found" }, { status: 404 });

/** CSV (or with `format=xlsx`, Excel) export of one dashboard table: the same rules as the page (a partner gets
 * the protected figures). */
export async function GET(request: Request, { params }: { params: Promise<{ tenant: string; table: string }> }) {
  const { tenant, table } = await params;
  const user = await currentUser();
  if (!user) return Response.json({ error: "sign in" }, { status: 401 });
  const ctx = await resolveTenantContext(user.id, tenant, user.via);
  if (!ctx || !can(ctx.role, "dashboard.view") || !(CSV_TABLES as readonly string[]).includes(table)) return notFound();
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const locale = isLocale(search.locale) ? search.locale : isLocale(ctx.defaultLocale) ? ctx.defaultLocale : "en";
  const t = getT(locale, ["dashboard", "enums", "common"]);
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
