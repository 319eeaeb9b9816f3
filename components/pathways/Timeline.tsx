"use client";

import { EmptyState } from "@/components/ui/EmptyState";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ActionForm } from "@/components/forms/ActionForm";
import { SelectField, SubmitButton, TextArea, TextField } from "@/components/forms/fields";
import { Badge } from "@/components/ui/Badge";
import { activityStatusTone } from "@/lib/participants/tones";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/settings";
import {
  addActivityAction,
  endActivityAction,
  updateActivityAction,
} from "@/app/[locale]/t/[tenant]/participants/actions";
import type { ActivityView, Option } from "./types";

type Choices = { types: Option[]; statuses: Option[]; organisations: Option[]; enrolments: Option[] };

function ActivityFields({ choices, activity }: { choices: Choices; activity?: ActivityView }) {
  const { t } = useTranslation("participants");
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      <SelectField
        name="type"
        label={t("fields.activityType")}
        options={choices.types}
        defaultValue={activity?.type}
        placeholder={activity ? undefined : t("register.choose")}
      />
      <SelectField
        name="status"
        label={t("fields.status")}
        options={choices.statuses}
        defaultValue={activity?.status ?? "ONGOING"}
      />
      <SelectField
        name="organisationId"
        label={t("fields.organisation")}
        options={choices.organisations}
        defaultValue={activity?.organisationId}
        placeholder={t("timeline.noOrganisation")}
      />
      <TextField name="startDate" type="date" label={t("fields.startDate")} defaultValue={activity?.startDate} />
      <TextField name="endDate" type="date" label={t("fields.endDate")} defaultValue={activity?.endDate} />
      <TextField
        name="hoursPerWeek"
        label={t("fields.hoursPerWeek")}
        inputMode="decimal"
        defaultValue={activity?.hoursPerWeek}
        maxLength={5}
      />
      {choices.enrolments.length > 0 && (
        <SelectField
          name="enrolmentId"
          label={t("fields.pilot")}
          options={choices.enrolments}
          defaultValue={activity?.enrolmentId}
          placeholder={t("timeline.noPilot")}
        />
      )}
      <div className="sm:col-span-2 lg:col-span-3">
        <TextArea
          name="note"
          label={t("fields.note")}
          hint={t("timeline.noteHint")}
          defaultValue={activity?.note}
          maxLength={1000}
        />
      </div>
    </div>
  );
}

function ActivityItem({
  locale,
  tenant,
  participantId,
  activity,
  choices,
  canEdit,
}: {
  locale: Locale;
  tenant: string;
  participantId: string;
  activity: ActivityView;
  choices: Choices;
  canEdit: boolean;
}) {
  const { t } = useTranslation(["participants", "enums"]);
  const [mode, setMode] = useState<"view" | "edit" | "end">("view");
  const open = activity.status === "PLANNED" || activity.status === "ONGOING";
  const period = `${formatDate(locale, activity.startDate)} – ${activity.endDate ? formatDate(locale, activity.endDate) : t("common:ongoing")}`;
  return (
    <li className="relative pb-5 pl-6" data-testid="timeline-item">
      <span
        aria-hidden="true"
        className={`absolute top-5 -left-[9px] size-4 rounded-full ring-4 ring-slate-50 ${open ? "bg-emerald-600" : "bg-slate-400"}`}
      />
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h3 className="font-semibold">
            {t(`enums:ActivityType.${activity.type}`)}
            {activity.organisationName && (
              <span className="font-normal text-slate-700"> · {activity.organisationName}</span>
            )}
          </h3>
          <Badge tone={activityStatusTone[activity.status]}>{t(`enums:ActivityStatus.${activity.status}`)}</Badge>
        </div>
        <p className="mt-1 text-sm text-slate-700">
          {period}
          {activity.hoursPerWeek !== null && (
            <> · {t("timeline.hours", { hours: formatNumber(locale, activity.hoursPerWeek) })}</>
          )}
        </p>
        {activity.note && <p className="mt-2 text-sm whitespace-pre-line text-slate-800">{activity.note}</p>}
        {canEdit && mode === "view" && (
          <div className="mt-3 flex gap-2">
            <button
              type="button"
              onClick={() => setMode("edit")}
              className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50"
            >
              {t("timeline.edit")}
              <span className="sr-only"> {t(`enums:ActivityType.${activity.type}`)}</span>
            </button>
            {open && (
              <button
                type="button"
                onClick={() => setMode("end")}
                className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50"
              >
                {t("timeline.end")}
                <span className="sr-only"> {t(`enums:ActivityType.${activity.type}`)}</span>
              </button>
            )}
          </div>
        )}
        {mode === "edit" && (
          <ActionForm
            action={updateActivityAction.bind(null, tenant, participantId, activity.id)}
            onSuccess={() => setMode("view")}
            className="mt-4 space-y-3"
            label={t("timeline.editTitle")}
          >
            <input type="hidden" name="version" value={activity.version} />
            <ActivityFields choices={choices} activity={activity} />
            <div className="flex gap-2">
              <SubmitButton>{t("timeline.save")}</SubmitButton>
              <button
                type="button"
                onClick={() => setMode("view")}
                className="rounded-md border border-slate-400 px-4 py-2 text-sm"
              >
                {t("timeline.cancel")}
              </button>
            </div>
          </ActionForm>
        )}
        {mode === "end" && (
          <ActionForm
            action={endActivityAction.bind(null, tenant, participantId, activity.id)}
            onSuccess={() => setMode("view")}
            className="mt-4 space-y-3"
            label={t("timeline.endTitle")}
          >
            <input type="hidden" name="version" value={activity.version} />
            <div className="grid gap-3 sm:grid-cols-2">
              <SelectField
                name="status"
                label={t("timeline.endAs")}
                options={choices.statuses.filter((s) => s.value === "COMPLETED" || s.value === "INTERRUPTED")}
                defaultValue="COMPLETED"
              />
              <TextField
                name="endDate"
                type="date"
                label={t("fields.endDate")}
                defaultValue={new Date().toISOString().slice(0, 10)}
              />
            </div>
            <div className="flex gap-2">
              <SubmitButton>{t("timeline.end")}</SubmitButton>
              <button
                type="button"
                onClick={() => setMode("view")}
                className="rounded-md border border-slate-400 px-4 py-2 text-sm"
              >
                {t("timeline.cancel")}
              </button>
            </div>
          </ActionForm>
        )}
      </div>
    </li>
  );
}

/** The pathway: every step, newest first; add, edit and end a step without leaving the page. */
export function Timeline({
  locale,
  tenant,
  participantId,
  activities,
  choices,
  canEdit,
}: {
  locale: Locale;
  tenant: string;
  participantId: string;
  activities: ActivityView[];
  choices: Choices;
  canEdit: boolean;
}) {
  const { t } = useTranslation("participants");
  const [adding, setAdding] = useState(false);
  return (
    <section aria-labelledby="timeline-heading">
      <div className="mb-4 flex items-center justify-between gap-3">
        <h2 id="timeline-heading" className="text-xl font-semibold">
          {t("timeline.title")}
        </h2>
        {canEdit && !adding && (
          <button
            type="button"
            onClick={() => setAdding(true)}
            className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
          >
            {t("timeline.add")}
          </button>
        )}
      </div>
      {adding && (
        <div className="mb-6 rounded-xl border border-brand-600/40 bg-brand-50 p-4">
          <h3 className="mb-3 font-semibold">{t("timeline.addTitle")}</h3>
          <ActionForm
            action={addActivityAction.bind(null, tenant, participantId)}
            resetOnSuccess
            className="space-y-3"
            label={t("timeline.addTitle")}
          >
            <ActivityFields choices={choices} />
            <div className="flex gap-2">
              <SubmitButton>{t("timeline.addSubmit")}</SubmitButton>
              <button
                type="button"
                onClick={() => setAdding(false)}
                className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm"
              >
                {t("timeline.close")}
              </button>
            </div>
          </ActionForm>
        </div>
      )}
      {activities.length === 0 ? (
        <EmptyState>{t("timeline.empty")}</EmptyState>
      ) : (
        <ol className="relative ml-1.5 border-l-2 border-slate-200 pl-0" aria-label={t("timeline.title")}>
          {activities.map((a) => (
            <ActivityItem
              key={`${a.id}-${a.version}`}
              locale={locale}
              tenant={tenant}
              participantId={participantId}
              activity={a}
              choices={choices}
              canEdit={canEdit}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
