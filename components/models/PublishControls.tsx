"use client";

import { Button } from "@/components/ui/Button";
import { useTranslation } from "react-i18next";
import { ActionForm } from "@/components/forms/ActionForm";
import type { ActionState } from "@/lib/actions/state";

type FormAction = (state: ActionState, form: FormData) => Promise<ActionState>;

/** Publish (or publish again, refreshing the results) and unpublish. */
export function PublishControls({
  publish,
  unpublish,
  published,
}: {
  publish: FormAction;
  unpublish: FormAction;
  published: boolean;
}) {
  const { t } = useTranslation("models");
  return (
    <div className="flex flex-wrap items-start gap-3">
      <ActionForm action={publish} label={published ? t("status.republish") : t("status.publish")}>
        <Button type="submit">{published ? t("status.republish") : t("status.publish")}</Button>
      </ActionForm>
      {published && (
        <ActionForm action={unpublish} label={t("status.unpublish")}>
          <button
            type="submit"
            className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50"
          >
            {t("status.unpublish")}
          </button>
        </ActionForm>
      )}
    </div>
  );
}
