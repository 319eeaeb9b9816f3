import { withTenantRoute } from "@/lib/http/tenant-route";
import { AppError } from "@/lib/errors";
import { createImportDraft } from "@/lib/import/drafts";
import { IMPORT_MAX_BYTES, tooLargeError } from "@/lib/import/read-file";
import { getT } from "@/lib/i18n/instance";

export const dynamic = "force-dynamic";

/** Room for the form's envelope around the file. */
const ENVELOPE = 64 * 1024;

/** Reads and drops what is left of a refused upload (up to a bound), so the browser gets the answer, not a reset. */
async function drain(request: Request) {
  let seen = 0;
  const reader = request.body?.getReader();
  if (!reader) return;
  for (;;) {
    const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
    if (done || !value) return;
    seen += value.length;
    if (seen > 200 * 1024 * 1024) return void reader.cancel().catch(() => {});
  }
}

/**
 * An uploaded spreadsheet (multipart form field `file`) becomes an import draft. A form POST without JavaScript
 * gets a 303 to the draft's page, or back to the upload page with the reason; the page's script (which shows the
 * upload's progress) asks for JSON instead. Nothing is written for a refused file.
 */
export const POST = withTenantRoute(
  "participant.manage",
  async ({ request, ctx, locale }) => {
    const wantsJson = (request.headers.get("accept") ?? "").includes("application/json");
    const base = `/${locale}/t/${encodeURIComponent(ctx.tenantSlug)}/import`;
    const answer = (location: string, error?: AppError) => {
      if (wantsJson) {
        const message = error ? getT(locale, ["import", "errors"])(error.messageKey, error.data ?? {}) : undefined;
        return Response.json(error ? { error: error.messageKey, message } : { location }, {
          status: error ? 400 : 200,
        });
      }
      return new Response(null, { status: 303, headers: { location } });
    };
    const refuse = (error: AppError) => {
      const query = new URLSearchParams({
        error: error.messageKey.replace(/^import:errors\./, ""),
        ...(error.data ?? {}),
      });
      return answer(`${base}?${query}`, error);
    };

    // (A cross-site upload never gets here: the proxy refuses it first, lib/security/origin.ts.)
    const length = Number(request.headers.get("content-length") ?? "0");
    if (length > IMPORT_MAX_BYTES + ENVELOPE) {
      await drain(request);
      return refuse(tooLargeError());
    }
    let file: File | null = null;
    try {
      const form = await request.formData();
      const value = form.get("file");
      file = value instanceof File ? value : null;
    } catch {
      return refuse(new AppError("INVALID_INPUT", "import:errors.noFile"));
    }
    if (!file) return refuse(new AppError("INVALID_INPUT", "import:errors.noFile"));
    try {
      const draftId = await createImportDraft({
        ctx,
        fileName: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
      });
      return answer(`${base}/${draftId}`);
    } catch (error) {
      if (error instanceof AppError) return refuse(error);
      throw error;
    }
  },
  // A refused upload is read to its end, so the browser gets the 404 rather than a reset connection.
  { onRefused: drain },
);
