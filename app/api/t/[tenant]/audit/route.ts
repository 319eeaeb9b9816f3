import { currentUser } from "@/lib/auth/session";
import { resolveTenantContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { auditQuerySchema, listAuditEvents } from "@/lib/audit/list-audit";
import { withTenant } from "@/lib/db/tenant";
import { recordAudit } from "@/lib/audit/record-audit";
import { csvDocument } from "@/lib/http/csv";
import { isLocale } from "@/lib/i18n/settings";

export const dynamic = "force-dynamic";

/** The audit log as CSV (same filters as the page, at most 10 000 events), for administrators; audited. */
export async function GET(request: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const user = await currentUser();
  const ctx = user ? await resolveTenantContext(user.id, tenant, user.via) : null;
  if (!ctx || !can(ctx.role, "audit.view")) return Response.json({ error: "not found" }, { status: 404 });
  const search = new URL(request.url).searchParams;
  const query = auditQuerySchema.parse(Object.fromEntries(search));
  const locale = search.get("locale");
  const lines = [["time", "user", "action", "entity", "entity_id", "participant"]];
  for (let page = 1; page <= 200; page++) {
    const { events, pages } = await listAuditEvents(ctx, { ...query, page });
    for (const e of events) {
      lines.push([e.at.toISOString(), e.actorName ?? "", e.action, e.entityType, e.entityId ?? "", e.participantCode ?? ""]);
    }
    if (page >= pages) break;
  }
  await withTenant(ctx, (tx) => recordAudit(tx, ctx, { action: "audit.exported", entityType: "AuditEvent", details: { rows: lines.length - 1 } }));
  return new Response(csvDocument(lines, isLocale(locale) ? locale : "en"), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="samspill-${ctx.tenantSlug}-audit.csv"`,
      "cache-control": "no-store",
    },
  });
}
