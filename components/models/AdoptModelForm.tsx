"use client";

import { useTranslation } from "react-i18next";
import { ActionForm } from "@/components/forms/ActionForm";
import { SelectField, SubmitButton } from "@/components/forms/fields";
import type { ActionState } from "@/lib/actions/state";

export type AdoptableModel = { slug: string; title: string; tenantName: string; country: string };

/** Start from a published model: choose it, see what will be copied (and what never is), confirm. */
export function AdoptModelForm({
  action,
  models,
  preselected,
  hasDraft,
}: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  models: AdoptableModel[];
  preselected?: string;
  hasDraft: boolean;
}) {
  const { t } = useTranslation("models");
  if (models.length === 0) return <p className="text-sm text-slate-700">{t("adopt.none")}</p>;
  return (
    <ActionForm action={action} className="space-y-4" label={t("adopt.submit")}>
      <SelectField
        name="modelSlug"
        label={t("adopt.choose")}
        required
        options={models.map((m) => ({
          value: m.slug,
          label: `${m.title} — ${m.tenantName} (${t(`countries.${m.country}`)})`,
        }))}
        defaultValue={preselected && models.some((m) => m.slug === preselected) ? preselected : undefined}
        placeholder={t("form.choose")}
      />
      <div className="grid gap-3 text-sm sm:grid-cols-2">
        <div className="rounded-lg bg-emerald-50 p-3 text-emerald-950">
          <p className="font-semibold">{t("adopt.copiedTitle")}</p>
          <ul className="mt-1 list-inside list-disc space-y-0.5">
            <li>{t("adopt.copiedText")}</li>
            <li>{t("adopt.copiedPilots")}</li>
            <li>{t("adopt.copiedChecklist")}</li>
          </ul>
        </div>
        <div className="rounded-lg bg-slate-100 p-3 text-slate-800">
          <p className="font-semibold">{t("adopt.notCopiedTitle")}</p>
          <ul className="mt-1 list-inside list-disc space-y-0.5">
            <li>{t("adopt.notCopiedPeople")}</li>
            <li>{t("adopt.notCopiedContacts")}</li>
            <li>{t("adopt.notCopiedResults")}</li>
          </ul>
        </div>
      </div>
      {hasDraft && (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          {t("adopt.replacesDraft")}
        </p>
      )}
      <SubmitButton>{t("adopt.submit")}</SubmitButton>
    </ActionForm>
  );
}
