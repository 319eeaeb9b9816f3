import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { getT } from "../i18n/instance.ts";
import type { Locale } from "../i18n/settings.ts";
import { csvDocument } from "../http/csv.ts";
import { wallClock, xlsxDocument, XLSX_TYPE } from "../http/xlsx.ts";
import { listAuditEvents } from "./list-audit.ts";
import type { AuditQuery } from "./schemas.ts";
import { recordAudit } from "./record-audit.ts";

export const AUDIT_EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

/** At most this many pages of the log (50 events each: 10 000 events) go into one export. */
const MAX_PAGES = 200;

type ExportedEvent = Awaited<ReturnType<typeof listAuditEvents>>["events"][number];

/** The events of the export: the page's filters, newest first, at most 10 000. */
async function exportedEvents(ctx: TenantContext, query: Omit<AuditQuery, "page">): Promise<ExportedEvent[]> {
  const events: ExportedEvent[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const result = await listAuditEvents(ctx, { ...query, page });
    events.push(...result.events);
    if (page >= result.pages) break;
  }
  return events;
}

/** The column headers in the reader's language (the same for CSV and Excel). */
export function auditExportHeaders(locale: Locale): string[] {
  const t = getT(locale, "participants");
  return [
    t("audit.columns.time"),
    t("audit.columns.user"),
    t("audit.columns.action"),
    t("audit.columns.entity"),
    t("audit.columns.entityId"),
    t("audit.columns.participant"),
  ];
}

/** CSV: the time as ISO 8601 in UTC, everything else as stored (formula-like text neutralised by csvDocument). */
function auditCsv(events: ExportedEvent[], locale: Locale): string {
  const lines = events.map((e) => [
    e.at.toISOString(),
    e.actorName ?? "",
    e.action,
    e.entityType,
    e.entityId ?? "",
    e.participantCode ?? "",
  ]);
  return csvDocument([auditExportHeaders(locale), ...lines], locale);
}

/** Excel: the time as a date-time cell in Norwegian/Swedish time (as the page shows it), the rest as text cells. */
function auditXlsx(events: ExportedEvent[], locale: Locale): Promise<Buffer> {
  return xlsxDocument([
    {
      name: getT(locale, "participants")("audit.title"),
      headers: auditExportHeaders(locale),
      formats: ["yyyy-mm-dd hh:mm:ss"],
      rows: events.map((e) => [wallClock(e.at), e.actorName, e.action, e.entityType, e.entityId, e.participantCode]),
    },
  ]);
}

/**
 * The audit log as a file for administrators (the page's filters, at most 10 000 events), as CSV or Excel with
 * headers in the reader's language. Each export is itself audited ("audit.exported", with the format and the
 * number of rows), once the file is made.
 */
export async function exportAuditLog(
  ctx: TenantContext,
  query: Omit<AuditQuery, "page">,
  options: { format: AuditExportFormat; locale: Locale },
) {
  assertCan(ctx, "audit.view");
  const { format, locale } = options;
  const events = await exportedEvents(ctx, query);
  const body = format === "xlsx" ? await auditXlsx(events, locale) : auditCsv(events, locale);
  await withTenant(ctx, (tx) =>
    recordAudit(tx, ctx, {
      action: "audit.exported",
      entityType: "AuditEvent",
      details: { rows: events.length, format },
    }),
  );
  return {
    body,
    contentType: format === "xlsx" ? XLSX_TYPE : "text/csv; charset=utf-8",
    filename: `samspill-${ctx.tenantSlug}-audit.${format}`,
  };
}
