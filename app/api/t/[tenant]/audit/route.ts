import { withTenantRoute } from "@/lib/http/tenant-route";
import { auditQuerySchema } from "@/lib/audit/schemas";
import { exportAuditLog } from "@/lib/audit/export-audit";
import { downloadResponse } from "@/lib/http/spreadsheet-response";

export const dynamic = "force-dynamic";

/** The audit log as CSV, or with `format=xlsx` as Excel (same filters as the page, at most 10 000 events), for
 * administrators; audited. */
export const GET = withTenantRoute("audit.view", async ({ ctx, search, locale }) => {
  const query = auditQuerySchema.parse(Object.fromEntries(search));
  const file = await exportAuditLog(ctx, query, {
    format: search.get("format") === "xlsx" ? "xlsx" : "csv",
    locale,
  });
  return downloadResponse(file.body, { fileName: file.filename, contentType: file.contentType });
});
