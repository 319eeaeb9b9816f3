"use client";

import { Button } from "@/components/ui/Button";
import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

/**
 * The upload form. Without JavaScript it is a plain multipart POST to the import route (which answers with a
 * redirect). With it, the same request goes through XMLHttpRequest so the upload's progress shows, then a
 * "checking" state while the server reads and checks the rows, and a refusal shows here without a page load.
 */
export function UploadForm({ action, maxMb, initialError }: { action: string; maxMb: number; initialError?: string }) {
  const { t } = useTranslation("import");
  const [state, setState] = useState<{ phase: "idle" | "uploading" | "checking"; percent: number; error?: string }>({
    phase: "idle",
    percent: 0,
    error: initialError,
  });
  const message = useRef<HTMLParagraphElement>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const request = new XMLHttpRequest();
    request.open("POST", action);
    request.setRequestHeader("accept", "application/json");
    request.upload.onprogress = (e) => {
      if (e.lengthComputable) setState({ phase: "uploading", percent: Math.round((e.loaded / e.total) * 100) });
    };
    request.upload.onload = () => setState({ phase: "checking", percent: 100 });
    const fail = (error: string) => {
      setState({ phase: "idle", percent: 0, error });
      requestAnimationFrame(() => message.current?.focus());
    };
    request.onload = () => {
      let body: { location?: string; message?: string } = {};
      try {
        body = JSON.parse(request.responseText) as typeof body;
      } catch {
        // Not JSON: a proxy's or the server's own error page.
      }
      if (request.status === 200 && body.location) window.location.assign(body.location);
      else fail(body.message ?? t("upload.failed"));
    };
    request.onerror = () => fail(t("upload.failed"));
    setState({ phase: "uploading", percent: 0 });
    request.send(data);
  };

  const busy = state.phase !== "idle";
  return (
    <form
      method="post"
      action={action}
      encType="multipart/form-data"
      onSubmit={submit}
      aria-busy={busy}
      className="space-y-4"
    >
      <div aria-live="polite" role="status" className="empty:hidden">
        {state.error && !busy && (
          <p
            ref={message}
            tabIndex={-1}
            data-form-message
            className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800"
          >
            {state.error}
          </p>
        )}
        {busy && (
          <div className="space-y-1">
            <p className="text-sm text-slate-800">
              {state.phase === "uploading" ? t("upload.uploading", { percent: state.percent }) : t("upload.checking")}
            </p>
            {state.phase === "uploading" ? (
              <progress
                className="h-2 w-full"
                max={100}
                value={state.percent}
                aria-label={t("upload.uploading", { percent: state.percent })}
              />
            ) : (
              <progress className="h-2 w-full" aria-label={t("upload.checking")} />
            )}
          </div>
        )}
      </div>
      <div>
        <label htmlFor="import-file" className="block text-sm font-medium text-slate-800">
          {t("upload.file", { max: maxMb })}
        </label>
        <input
          id="import-file"
          name="file"
          type="file"
          required
          accept=".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          className="mt-1 block w-full max-w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1"
        />
      </div>
      <Button type="submit" disabled={busy} className="disabled:opacity-60">
        {t("upload.submit")}
      </Button>
    </form>
  );
}
