import { currentUser } from "@/lib/auth/session";
import { resolveTenantContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { auditQuerySchema } from "@/lib/audit/list-audit";
import { exportAuditLog } from "@/lib/audit/export-audit";
import { isLocale } from "@/lib/i18n/settings";

export const dynamic = "force-dynamic";

/** The audit log as CSV, or with `format=xlsx` as Excel (same filters as the page, at most 10 000 events), for
 * administrators; audited. */
export async function GET(request: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const user = await currentUser();
  const ctx = user ? await resolveTenantContext(user.id, tenant, user.via) : null;
  if (!ctx || !can(ctx.role, "audit.view")) return Response.json({ error: "not found" }, { status: 404 });
  const search = new URL(request.url).searchParams;
  const query = auditQuerySchema.parse(Object.fromEntries(search));
  const locale = search.get("locale");
  const file = await exportAuditLog(ctx, query, {
    format: search.get("format") === "xlsx" ? "xlsx" : "csv",
    locale: isLocale(locale) ? locale : "en",
  });
  return new Response(typeof file.body === "string" ? file.body : new Uint8Array(file.body), {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store",
    },
  });
}
