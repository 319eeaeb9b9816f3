import { currentUser } from "@/lib/auth/session";
import { resolveTenantContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { exportParticipant } from "@/lib/participants/gdpr";
import { participantXlsx } from "@/lib/participants/gdpr-xlsx";
import { XLSX_TYPE } from "@/lib/http/xlsx";
import { isLocale } from "@/lib/i18n/settings";
import { AppError } from "@/lib/errors";
import { requiredId } from "@/lib/validation";

export const dynamic = "force-dynamic";

/** GDPR access and portability: everything stored about one participant, as JSON, or with `format=xlsx` as
 * Excel (in `locale`). Audited once per export. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ tenant: string; participantId: string }> },
) {
  const { tenant, participantId } = await params;
  const user = await currentUser();
  const ctx = user ? await resolveTenantContext(user.id, tenant, user.via) : null;
  if (!ctx || !can(ctx.role, "participant.export") || !requiredId.safeParse(participantId).success)
    return Response.json({ error: "not found" }, { status: 404 });
  const search = new URL(request.url).searchParams;
  const format = search.get("format") === "xlsx" ? "xlsx" : "json";
  try {
    const data = await exportParticipant(ctx, participantId, { format });
    if (format === "xlsx") {
      const locale = search.get("locale");
      const file = await participantXlsx(
        data,
        isLocale(locale) ? locale : isLocale(ctx.defaultLocale) ? ctx.defaultLocale : "en",
      );
      return new Response(new Uint8Array(file), {
        headers: {
          "content-type": XLSX_TYPE,
          "content-disposition": `attachment; filename="samspill-${data.participant.code}.xlsx"`,
          "cache-control": "no-store",
        },
      });
    }
    return new Response(JSON.stringify(data, null, 2), {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="samspill-${data.participant.code}.json"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof AppError) return Response.json({ error: "not found" }, { status: 404 });
    throw error;
  }
}
