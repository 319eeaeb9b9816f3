import { withTenantRoute } from "@/lib/http/tenant-route";
import { exportParticipant } from "@/lib/participants/gdpr";
import { participantXlsx } from "@/lib/participants/gdpr-xlsx";
import { downloadResponse } from "@/lib/http/spreadsheet-response";
import { XLSX_TYPE } from "@/lib/http/xlsx";
import { AppError } from "@/lib/errors";
import { requiredId } from "@/lib/validation";

export const dynamic = "force-dynamic";

/** GDPR access and portability: everything stored about one participant, as JSON, or with `format=xlsx` as
 * Excel (in `locale`). Audited once per export. */
export const GET = withTenantRoute<{ tenant: string; participantId: string }>(
  "participant.export",
  async ({ ctx, params, search, locale }) => {
    if (!requiredId.safeParse(params.participantId).success) throw new AppError("NOT_FOUND", "errors:notFound");
    const format = search.get("format") === "xlsx" ? "xlsx" : "json";
    const data = await exportParticipant(ctx, params.participantId, { format });
    const fileName = `samspill-${data.participant.code}.${format}`;
    if (format === "xlsx") {
      return downloadResponse(await participantXlsx(data, locale), { fileName, contentType: XLSX_TYPE });
    }
    return downloadResponse(JSON.stringify(data, null, 2), {
      fileName,
      contentType: "application/json; charset=utf-8",
    });
  },
);
