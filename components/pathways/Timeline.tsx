"use client";

import { EmptyState } from "@/components/ui/EmptyState";
import Link from "next/link";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ActionForm } from "@/components/forms/ActionForm";
import { useUntilNextSubmit } from "@/components/forms/useUntilNextSubmit";
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
import type { ActionState } from "@/lib/actions/state";
import type { ActivityMarker, TimelineEntry } from "@/lib/pathways/timeline";

type Choices = { types: Option[]; statuses: Option[]; organisations: Option[]; enrolments: Option[] };

function ActivityFields({
  choices,
  activity,
  defaults,
}: {
  choices: Choices;
  activity?: ActivityView;
  /** For a new activity: today's date and the one pilot the person is in now. */
  defaults?: { startDate: string; enrolmentId: string | null };
}) {
  const { t } = useTranslation("participants");
  return (
    <div className="grid gap-3 sm:grid-cols-2">
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
      <TextField
        name="startDate"
        type="date"
        label={t("fields.startDate")}
        defaultValue={activity?.startDate ?? defaults?.startDate}
      />
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
          defaultValue={activity ? activity.enrolmentId : (defaults?.enrolmentId ?? undefined)}
          placeholder={t("timeline.noPilot")}
        />
      )}
      <div className="sm:col-span-2">
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
  marker,
  future,
  pilotName,
  justAdded,
  today,
  choices,
  canEdit,
}: {
  locale: Locale;
  tenant: string;
  participantId: string;
  activity: ActivityView;
  marker: ActivityMarker;
  future: boolean;
  pilotName: string | null;
  justAdded: boolean;
  today: string;
  choices: Choices;
  canEdit: boolean;
}) {
  const { t } = useTranslation(["participants", "enums"]);
  const [mode, setMode] = useState<"view" | "edit" | "end">("view");
  // What was just saved here ("saved", "ended"), shown in the card until the next submit on the page.
  const [done, setDone] = useUntilNextSubmit<"saved" | "ended">();
  const open = activity.status === "PLANNED" || activity.status === "ONGOING";
  const period = `${formatDate(locale, activity.startDate)} – ${activity.endDate ? formatDate(locale, activity.endDate) : t("common:ongoing")}`;
  return (
    <Entry marker={marker} future={future} testId="timeline-item" highlight={justAdded}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-semibold" tabIndex={justAdded ? -1 : undefined} data-just-added={justAdded || undefined}>
          {t(`enums:ActivityType.${activity.type}`)}
          {activity.organisationName && (
            <span className="font-normal text-slate-700"> · {activity.organisationName}</span>
          )}
        </h3>
        <Badge tone={activityStatusTone[activity.status]}>{t(`enums:ActivityStatus.${activity.status}`)}</Badge>
      </div>
      <PilotLine pilotName={pilotName} />
      {(justAdded || done) && (
        <p role="status" className="mt-1 text-sm font-semibold text-emerald-800" data-activity-confirmation>
          {t(justAdded ? "timeline.added" : `timeline.${done}`)}
        </p>
      )}
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
            className="inline-flex min-h-11 items-center rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50"
          >
            {t("timeline.edit")}
            <span className="sr-only"> {t(`enums:ActivityType.${activity.type}`)}</span>
          </button>
          {open && (
            <button
              type="button"
              onClick={() => setMode("end")}
              className="inline-flex min-h-11 items-center rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50"
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
          onSuccess={() => {
            setMode("view");
            setDone("saved");
          }}
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
              className="min-h-11 rounded-md border border-slate-400 px-4 py-2 text-sm"
            >
              {t("timeline.cancel")}
            </button>
          </div>
        </ActionForm>
      )}
      {mode === "end" && (
        <ActionForm
          action={endActivityAction.bind(null, tenant, participantId, activity.id)}
          onSuccess={() => {
            setMode("view");
            setDone("ended");
          }}
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
            <TextField name="endDate" type="date" label={t("fields.endDate")} defaultValue={today} />
          </div>
          <div className="flex gap-2">
            <SubmitButton>{t("timeline.end")}</SubmitButton>
            <button
              type="button"
              onClick={() => setMode("view")}
              className="min-h-11 rounded-md border border-slate-400 px-4 py-2 text-sm"
            >
              {t("timeline.cancel")}
            </button>
          </div>
        </ActionForm>
      )}
    </Entry>
  );
}

/** The shape of a step's marker: what kind of step it is and, for an activity, where it stands. */
type MarkerShape = ActivityMarker | "start" | "exit" | "outcome" | "followUp";

function Marker({ shape, future }: { shape: MarkerShape; future: boolean }) {
  const stroke = future ? "#64748b" : "#0f766e";
  const common = { width: 20, height: 20, viewBox: "0 0 20 20", "aria-hidden": true, "data-marker": shape } as const;
  const dash = future ? "3 2" : undefined;
  switch (shape) {
    case "planned":
      return (
        <svg {...common}>
          <circle cx="10" cy="10" r="7" fill="white" stroke={stroke} strokeWidth="2" strokeDasharray={dash} />
        </svg>
      );
    case "ongoing":
      return (
        <svg {...common}>
          <circle cx="10" cy="10" r="8" fill="white" stroke={stroke} strokeWidth="2" />
          <circle cx="10" cy="10" r="4" fill={stroke} />
        </svg>
      );
    case "done":
      return (
        <svg {...common}>
          <circle cx="10" cy="10" r="8" fill="#1e40af" />
          <path d="M6 10.5l2.5 2.5L14 7.5" fill="none" stroke="white" strokeWidth="2" />
        </svg>
      );
    case "interrupted":
      return (
        <svg {...common}>
          <circle cx="10" cy="10" r="8" fill="#b45309" />
          <path d="M7 7l6 6M13 7l-6 6" stroke="white" strokeWidth="2" />
        </svg>
      );
    case "start":
      return (
        <svg {...common}>
          <path d="M5 3l11 7-11 7z" fill={stroke} />
        </svg>
      );
    case "exit":
      return (
        <svg {...common}>
          <rect x="4" y="4" width="12" height="12" fill="#334155" />
        </svg>
      );
    case "outcome":
      return (
        <svg {...common}>
          <path d="M10 2l8 8-8 8-8-8z" fill="#047857" />
        </svg>
      );
    case "followUp":
      return (
        <svg {...common}>
          <circle cx="10" cy="10" r="8" fill="white" stroke="#b45309" strokeWidth="2" strokeDasharray={dash} />
          <path d="M10 5v5l3 2" fill="none" stroke="#b45309" strokeWidth="2" />
        </svg>
      );
  }
}

function Entry({
  marker,
  future,
  testId,
  highlight = false,
  children,
}: {
  marker: MarkerShape;
  future: boolean;
  testId: string;
  highlight?: boolean;
  children: ReactNode;
}) {
  return (
    <li className="relative pb-4 pl-6" data-testid={testId} data-future={future || undefined}>
      <span className="absolute top-4 -left-[11px] rounded-full bg-slate-50">
        <Marker shape={marker} future={future} />
      </span>
      <div
        className={`rounded-lg border p-4 ${future ? "border-dashed border-slate-400 bg-slate-50" : "border-slate-200 bg-white shadow-sm"} ${highlight ? "ring-2 ring-emerald-600" : ""}`}
      >
        {children}
      </div>
    </li>
  );
}

function PilotLine({ pilotName }: { pilotName: string | null }) {
  const { t } = useTranslation("participants");
  return <p className="text-sm text-slate-700">{pilotName ?? t("timeline.noPilot")}</p>;
}

function StepItem({
  entry,
  locale,
}: {
  entry: Exclude<TimelineEntry, { kind: "activity" | "today" }>;
  locale: Locale;
}) {
  const { t } = useTranslation(["participants", "enums"]);
  const date = formatDate(locale, entry.date);
  const shape: MarkerShape = entry.kind === "enrolment" ? "start" : entry.kind;
  let title: ReactNode;
  let detail: ReactNode = null;
  let badge: ReactNode = null;
  switch (entry.kind) {
    case "enrolment":
      title = t("timeline.enrolled");
      break;
    case "exit":
      title = t("timeline.exited");
      detail = entry.reason ? t(`enums:ExitReason.${entry.reason}`) : null;
      break;
    case "outcome":
      title = t("timeline.outcome", { point: t(`enums:OutcomePoint.${entry.outcome.point}`) });
      detail = [t(`enums:OutcomeStatus.${entry.outcome.status}`), entry.outcome.organisationName]
        .filter(Boolean)
        .join(" · ");
      break;
    case "followUp": {
      const f = entry.followUp;
      const tone = { overdue: "red", dueThisMonth: "amber", upcoming: "neutral" } as const;
      title =
        f.href && f.state !== "upcoming" ? (
          <Link href={f.href} className="inline-flex min-h-11 items-center text-brand-700 underline">
            {t("followUps.recordPoint", { point: t(`enums:OutcomePoint.${f.point}`) })}
          </Link>
        ) : (
          t("timeline.followUp", { point: t(`enums:OutcomePoint.${f.point}`) })
        );
      badge = <Badge tone={tone[f.state as keyof typeof tone] ?? "neutral"}>{t(`followUps.states.${f.state}`)}</Badge>;
      break;
    }
  }
  return (
    <Entry marker={shape} future={entry.future} testId={`timeline-${entry.kind}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-semibold">{title}</h3>
        {badge}
      </div>
      <PilotLine pilotName={entry.pilotName} />
      <p className="mt-1 text-sm text-slate-700">
        {entry.kind === "followUp" ? t("followUps.due", { date }) : date}
        {detail && <> · {detail}</>}
      </p>
    </Entry>
  );
}

/**
 * The participant's story in one sequence, newest first: enrolment, activities, exit, outcomes and the follow-ups
 * still to record, with "today" between what lies ahead and what has happened. Add, edit and end an activity
 * without leaving the page; a saved activity closes its form and shows itself.
 */
export function Timeline({
  locale,
  tenant,
  participantId,
  entries,
  today,
  activePilot,
  choices,
  canEdit,
}: {
  locale: Locale;
  tenant: string;
  participantId: string;
  entries: TimelineEntry[];
  /** YYYY-MM-DD in the municipality's time zone: the new activity's start date. */
  today: string;
  /** The enrolment a new activity belongs to when the person is in exactly one pilot now. */
  activePilot: string | null;
  choices: Choices;
  canEdit: boolean;
}) {
  const { t } = useTranslation("participants");
  const [adding, setAdding] = useState(false);
  // The confirmation belongs to the moment it was saved: the next submit anywhere on the page takes it away.
  const [justAdded, setJustAdded] = useUntilNextSubmit<string>();
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (justAdded) list.current?.querySelector<HTMLElement>("[data-just-added]")?.focus();
  }, [justAdded, entries]);
  const onAdded = useCallback(
    (state: ActionState) => {
      setAdding(false);
      setJustAdded(state.data?.activityId ?? null);
    },
    [setJustAdded],
  );
  return (
    <section aria-labelledby="timeline-heading">
      <div className="mb-4 flex items-center justify-between gap-3">
        <h2 id="timeline-heading" className="text-xl font-semibold">
          {t("timeline.title")}
        </h2>
        {canEdit && !adding && (
          <button
            type="button"
            onClick={() => {
              setAdding(true);
              setJustAdded(null);
            }}
            className="min-h-11 rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
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
            onSuccess={onAdded}
            successMessage={false}
            className="space-y-3"
            label={t("timeline.addTitle")}
          >
            <ActivityFields choices={choices} defaults={{ startDate: today, enrolmentId: activePilot }} />
            <div className="flex gap-2">
              <SubmitButton>{t("timeline.addSubmit")}</SubmitButton>
              <button
                type="button"
                onClick={() => setAdding(false)}
                className="min-h-11 rounded-md border border-slate-400 bg-white px-4 py-2 text-sm"
              >
                {t("timeline.close")}
              </button>
            </div>
          </ActionForm>
        </div>
      )}
      {entries.length === 0 ? (
        <EmptyState>{t("timeline.empty")}</EmptyState>
      ) : (
        <ol ref={list} className="relative ml-2.5 border-l-2 border-slate-200 pl-0" aria-label={t("timeline.title")}>
          {entries.map((e) =>
            e.kind === "today" ? (
              <li key={e.key} className="relative mb-4 pl-6" data-testid="timeline-today">
                <span aria-hidden="true" className="absolute top-1/2 -left-[7px] size-3 rounded-full bg-brand-700" />
                <p className="border-t-2 border-brand-700 pt-1 text-sm font-semibold text-brand-800">
                  {t("timeline.today", { date: formatDate(locale, e.date) })}
                </p>
              </li>
            ) : e.kind === "activity" ? (
              <ActivityItem
                key={e.activity.id}
                locale={locale}
                tenant={tenant}
                participantId={participantId}
                activity={e.activity}
                marker={e.marker}
                future={e.future}
                pilotName={e.pilotName}
                justAdded={e.activity.id === justAdded}
                today={today}
                choices={choices}
                canEdit={canEdit}
              />
            ) : (
              <StepItem key={e.key} entry={e} locale={locale} />
            ),
          )}
        </ol>
      )}
    </section>
  );
}
