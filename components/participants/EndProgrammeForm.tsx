"use client";

import type { ChangeEvent } from "react";
import { useTranslation } from "react-i18next";
import type { ActionState } from "@/lib/actions/state";
import { ActionForm, useFieldMessage } from "@/components/forms/ActionForm";
import { SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import { suggestExitStatus, type ExitActivity } from "@/lib/enrolments/exit-suggestion";
import { endProgrammeAction } from "@/app/[locale]/t/[tenant]/participants/actions";
import type { Option } from "@/components/pathways/types";

export type OpenActivity = { id: string; type: string; status: string; organisationName: string | null };

/**
 * Ends a programme in one form: the exit, the status at exit (prefilled from the reason and the latest activity,
 * employer included, as soon as a reason is chosen) and the open activities to close, ticked by default.
 */
export function EndProgrammeForm({
  tenant,
  participantId,
  enrolmentId,
  exitReasons,
  statuses,
  workingTimes,
  organisations,
  activities,
  openActivities,
  today,
  onDone,
  cancel,
}: {
  tenant: string;
  participantId: string;
  enrolmentId: string;
  exitReasons: Option[];
  statuses: Option[];
  workingTimes: Option[];
  organisations: Option[];
  activities: ExitActivity[];
  openActivities: OpenActivity[];
  today: string;
  /** After the save, with the answer (its message says what was saved). */
  onDone: (state: ActionState) => void;
  cancel: React.ReactNode;
}) {
  const { t } = useTranslation(["participants", "enums"]);
  // The reason fills in what it implies; everything stays editable.
  const prefill = (event: ChangeEvent<HTMLDivElement>) => {
    const target = event.target as unknown as HTMLSelectElement;
    if (target.name !== "exitReason" || !target.form) return;
    const s = suggestExitStatus(target.value, activities);
    const set = (name: string, value: string | null) => {
      const field = target.form!.elements.namedItem(name);
      if (field instanceof HTMLSelectElement) field.value = value ?? "";
    };
    set("status", s.status);
    set("workingTime", s.workingTime);
    if (s.organisationId && organisations.some((o) => o.value === s.organisationId))
      set("organisationId", s.organisationId);
    else if (!s.organisationId) set("organisationId", null);
  };
  return (
    <ActionForm
      action={endProgrammeAction.bind(null, tenant, participantId, enrolmentId)}
      onSuccess={onDone}
      className="mt-2 space-y-3 rounded-lg bg-slate-50 p-3"
      label={t("enrolments.recordExit")}
    >
      <div className="space-y-3" onChange={prefill}>
        <TextField name="exitDate" type="date" label={t("fields.exitDate")} defaultValue={today} />
        <SelectField
          name="exitReason"
          label={t("fields.exitReason")}
          options={exitReasons}
          placeholder={t("register.choose")}
        />
        <SelectField
          name="status"
          label={t("endProgramme.status")}
          hint={t("endProgramme.statusHint")}
          options={statuses}
          placeholder={t("register.choose")}
        />
        <SelectField
          name="workingTime"
          label={t("fields.workingTime")}
          hint={t("outcomes.workingTimeHint")}
          options={workingTimes}
          placeholder={t("outcomes.notApplicable")}
        />
        <SelectField
          name="organisationId"
          label={t("fields.employer")}
          options={organisations}
          placeholder={t("timeline.noOrganisation")}
        />
        {openActivities.length > 0 && <CloseActivities activities={openActivities} />}
      </div>
      <div className="flex flex-wrap gap-2">
        <SubmitButton>{t("endProgramme.submit")}</SubmitButton>
        {cancel}
      </div>
    </ActionForm>
  );
}

function CloseActivities({ activities }: { activities: OpenActivity[] }) {
  const { t } = useTranslation(["participants", "enums"]);
  const error = useFieldMessage("closeActivityIds");
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-800">{t("endProgramme.closeLegend")}</legend>
      <p className="text-xs text-slate-600">{t("endProgramme.closeHint")}</p>
      <ul>
        {activities.map((a) => (
          <li key={a.id}>
            <label className="flex min-h-11 items-center gap-3 text-sm text-slate-800">
              <input
                type="checkbox"
                name="closeActivityIds"
                value={a.id}
                defaultChecked
                className="size-5 shrink-0 accent-brand-700"
              />
              <span>
                {t(`enums:ActivityType.${a.type}`)}
                {a.organisationName && <> · {a.organisationName}</>} (
                {t(`enums:ActivityStatus.${a.status}`).toLowerCase()})
              </span>
            </label>
          </li>
        ))}
      </ul>
      {error && (
        <p className="text-sm font-medium text-red-700" aria-invalid="true" tabIndex={-1}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
