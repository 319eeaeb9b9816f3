"use client";

import { Card } from "@/components/ui/Card";
import { Fragment, useEffect, useRef, useState, type ReactNode } from "react";
import Link from "next/link";
import { useTranslation } from "react-i18next";
import { ActionForm } from "@/components/forms/ActionForm";
import type { ActionState } from "@/lib/actions/state";
import { SelectField, SubmitButton, TextField, TextArea } from "@/components/forms/fields";
import { Badge } from "@/components/ui/Badge";
import { outcomeStatusTone } from "@/lib/participants/tones";
import { formatDate } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/settings";
import {
  enrolAction,
  recordConsentAction,
  recordOutcomeAction,
  updateParticipantAction,
  withdrawConsentAction,
} from "@/app/[locale]/t/[tenant]/participants/actions";
import { EndProgrammeForm, type OpenActivity } from "@/components/participants/EndProgrammeForm";
import { LanguagesField } from "@/components/participants/LanguagesField";
import type { ExitActivity } from "@/lib/enrolments/exit-suggestion";
import type { ConsentView, EnrolmentView, FollowUpView, Option, OutcomeView } from "@/components/pathways/types";

const today = () => new Date().toISOString().slice(0, 10);

/**
 * What a form in a card saved, said in the card after the form closes (the form's own message goes with it).
 * Dates in the answer's data are formatted in the page's language.
 */
function useSavedNotice(locale?: Locale) {
  const { t } = useTranslation(["participants", "enums"]);
  const [notice, setNotice] = useState<string | null>(null);
  const show = (state: ActionState) => {
    if (!state.message) return;
    const data = state.data ?? {};
    setNotice(t(state.message, { ...data, ...(data.date && locale ? { date: formatDate(locale, data.date) } : {}) }));
  };
  const element = notice ? (
    <p
      role="status"
      data-testid="saved-notice"
      className="mb-3 rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
    >
      {notice}
    </p>
  ) : null;
  return { show, clear: () => setNotice(null), element };
}

export function Panel({
  id,
  title,
  children,
  action,
}: {
  id: string;
  title: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Card as="section" padding={4} aria-labelledby={`${id}-heading`}>
      <div className="mb-3 flex items-center justify-between gap-2">
        <h2 id={`${id}-heading`} className="text-lg font-semibold">
          {title}
        </h2>
        {action}
      </div>
      {children}
    </Card>
  );
}

function ToggleButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      onClick={onClick}
      className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50"
    >
      {children}
    </button>
  );
}

export function FollowUpsPanel({ locale, followUps }: { locale: Locale; followUps: FollowUpView[] }) {
  const { t } = useTranslation(["participants", "enums"]);
  const open = followUps.filter((f) => f.state !== "recorded");
  const tone = { overdue: "red", dueThisMonth: "amber", upcoming: "neutral", recorded: "green" } as const;
  return (
    <Panel id="followups" title={t("followUps.title")}>
      {open.length === 0 ? (
        <p className="text-sm text-slate-700">{t("followUps.none")}</p>
      ) : (
        <ul className="space-y-2">
          {open.map((f) => (
            <li
              key={`${f.enrolmentId}-${f.point}`}
              className="flex items-center justify-between gap-2 text-sm"
              data-testid="followup-item"
            >
              <span>
                {f.href && f.state !== "upcoming" ? (
                  <Link
                    href={f.href}
                    className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline"
                    data-testid="followup-record"
                  >
                    {t("followUps.recordPoint", { point: t(`enums:OutcomePoint.${f.point}`) })}
                  </Link>
                ) : (
                  <strong>{t(`enums:OutcomePoint.${f.point}`)}</strong>
                )}
                {f.href && f.state !== "upcoming" ? <br /> : " · "}
                {f.pilotName}
                <br />
                <span className="text-slate-700">{t("followUps.due", { date: formatDate(locale, f.due) })}</span>
              </span>
              <Badge tone={tone[f.state as keyof typeof tone]}>{t(`followUps.states.${f.state}`)}</Badge>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

export function EnrolmentsPanel({
  locale,
  tenant,
  participantId,
  enrolments,
  pilots,
  exitReasons,
  canEdit,
  canEnrol,
  ending,
}: {
  locale: Locale;
  tenant: string;
  participantId: string;
  enrolments: EnrolmentView[];
  pilots: Option[];
  exitReasons: Option[];
  canEdit: boolean;
  canEnrol: boolean;
  /** What the end-programme form offers: the status choices, the activities it suggests from and may close. */
  ending: {
    statuses: Option[];
    workingTimes: Option[];
    organisations: Option[];
    activities: ExitActivity[];
    openActivities: OpenActivity[];
  };
}) {
  const { t } = useTranslation(["participants", "enums"]);
  const [enrolling, setEnrolling] = useState(false);
  const [exiting, setExiting] = useState<string | null>(null);
  const saved = useSavedNotice(locale);
  return (
    <Panel
      id="enrolments"
      title={t("enrolments.title")}
      action={
        canEdit && !enrolling ? (
          <ToggleButton
            onClick={() => {
              saved.clear();
              setEnrolling(true);
            }}
          >
            {t("enrolments.enrol")}
          </ToggleButton>
        ) : undefined
      }
    >
      {saved.element}
      {enrolling &&
        (canEnrol ? (
          <ActionForm
            action={enrolAction.bind(null, tenant, participantId)}
            onSuccess={(state) => {
              setEnrolling(false);
              saved.show(state);
            }}
            className="mb-4 space-y-3 rounded-lg bg-slate-50 p-3"
            label={t("enrolments.enrol")}
          >
            <SelectField name="pilotId" label={t("fields.pilot")} options={pilots} placeholder={t("register.choose")} />
            <TextField name="startDate" type="date" label={t("fields.startDate")} defaultValue={today()} />
            <div className="flex gap-2">
              <SubmitButton>{t("enrolments.enrol")}</SubmitButton>
              <ToggleButton onClick={() => setEnrolling(false)}>{t("timeline.cancel")}</ToggleButton>
            </div>
          </ActionForm>
        ) : (
          <p className="mb-3 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">
            {t("enrolments.needsConsent")}
          </p>
        ))}
      {enrolments.length === 0 ? (
        <p className="text-sm text-slate-700">{t("enrolments.none")}</p>
      ) : (
        <ul className="space-y-3">
          {enrolments.map((e) => (
            <li key={e.id} className="text-sm" data-testid="enrolment-item">
              <p className="font-medium">{e.pilotName}</p>
              <p className="text-slate-700">
                {formatDate(locale, e.startDate)} – {e.exitDate ? formatDate(locale, e.exitDate) : t("common:ongoing")}
                {e.exitReason && <> · {t(`enums:ExitReason.${e.exitReason}`)}</>}
              </p>
              {canEdit && !e.exitDate && exiting !== e.id && (
                <div className="mt-1">
                  <ToggleButton
                    onClick={() => {
                      saved.clear();
                      setExiting(e.id);
                    }}
                  >
                    {t("enrolments.recordExit")}
                  </ToggleButton>
                </div>
              )}
              {exiting === e.id && (
                <EndProgrammeForm
                  tenant={tenant}
                  participantId={participantId}
                  enrolmentId={e.id}
                  exitReasons={exitReasons}
                  statuses={ending.statuses}
                  workingTimes={ending.workingTimes}
                  organisations={ending.organisations}
                  activities={ending.activities}
                  openActivities={ending.openActivities}
                  today={today()}
                  onDone={(state) => {
                    setExiting(null);
                    saved.show(state);
                  }}
                  cancel={<ToggleButton onClick={() => setExiting(null)}>{t("timeline.cancel")}</ToggleButton>}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

export function OutcomesPanel({
  locale,
  tenant,
  participantId,
  outcomes,
  exitedEnrolments,
  points,
  statuses,
  workingTimes,
  organisations,
  canEdit,
  preset,
}: {
  locale: Locale;
  tenant: string;
  participantId: string;
  outcomes: OutcomeView[];
  exitedEnrolments: Option[];
  points: Option[];
  statuses: Option[];
  workingTimes: Option[];
  organisations: Option[];
  canEdit: boolean;
  /** A follow-up the page was opened for: the form starts open at that point (also before JavaScript loads). */
  preset?: { enrolmentId: string; point: string } | null;
}) {
  const { t } = useTranslation(["participants", "enums"]);
  const [recording, setRecording] = useState(canEdit && !!preset);
  const saved = useSavedNotice(locale);
  const formBox = useRef<HTMLSpanElement>(null);
  // Opened from a follow-up link: the point is chosen, so the status is the first thing left to fill.
  useEffect(() => {
    if (!preset || !formBox.current) return;
    formBox.current.scrollIntoView({ block: "start" });
    formBox.current.parentElement?.querySelector<HTMLElement>("form select[name=status]")?.focus();
  }, [preset]);
  return (
    <Panel
      id="outcomes"
      title={t("outcomes.title")}
      action={
        canEdit && exitedEnrolments.length > 0 && !recording ? (
          <ToggleButton
            onClick={() => {
              saved.clear();
              setRecording(true);
            }}
          >
            {t("outcomes.record")}
          </ToggleButton>
        ) : undefined
      }
    >
      {saved.element}
      {recording && <span ref={formBox} id="outcome-form" className="block scroll-mt-4" />}
      {recording && (
        <ActionForm
          action={recordOutcomeAction.bind(null, tenant, participantId)}
          onSuccess={(state) => {
            setRecording(false);
            saved.show(state);
          }}
          className="mb-4 space-y-3 rounded-lg bg-slate-50 p-3"
          label={t("outcomes.record")}
        >
          <SelectField
            name="enrolmentId"
            label={t("fields.pilot")}
            options={exitedEnrolments}
            defaultValue={preset?.enrolmentId ?? exitedEnrolments[0]?.value}
          />
          <SelectField
            name="point"
            label={t("fields.point")}
            options={points}
            placeholder={t("register.choose")}
            defaultValue={preset?.point}
          />
          <SelectField
            name="status"
            label={t("fields.outcomeStatus")}
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
          <TextField name="observedAt" type="date" label={t("fields.observedAt")} defaultValue={today()} />
          <TextArea name="note" label={t("fields.note")} maxLength={1000} />
          <div className="flex gap-2">
            <SubmitButton>{t("outcomes.save")}</SubmitButton>
            <ToggleButton onClick={() => setRecording(false)}>{t("timeline.cancel")}</ToggleButton>
          </div>
        </ActionForm>
      )}
      {outcomes.length === 0 ? (
        <p className="text-sm text-slate-700">{t("outcomes.none")}</p>
      ) : (
        <ul className="space-y-2">
          {outcomes.map((o) => (
            <li key={o.id} className="text-sm" data-testid="outcome-item">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-medium">{t(`enums:OutcomePoint.${o.point}`)}</span>
                <Badge tone={outcomeStatusTone[o.status]}>{t(`enums:OutcomeStatus.${o.status}`)}</Badge>
              </div>
              <p className="text-slate-700">
                {formatDate(locale, o.observedAt)}
                {o.workingTime && <> · {t(`enums:WorkingTime.${o.workingTime}`)}</>}
                {o.organisationName && <> · {o.organisationName}</>}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

export function ConsentPanel({
  locale,
  tenant,
  participantId,
  consents,
  purposes,
  organisations,
  canEdit,
  anonymous,
}: {
  locale: Locale;
  tenant: string;
  participantId: string;
  consents: ConsentView[];
  purposes: Option[];
  organisations: Option[];
  canEdit: boolean;
  anonymous: boolean;
}) {
  const { t } = useTranslation(["participants"]);
  const [adding, setAdding] = useState(false);
  const saved = useSavedNotice(locale);
  return (
    <Panel
      id="consent"
      title={t("consent.title")}
      action={
        canEdit && !anonymous && !adding ? (
          <ToggleButton
            onClick={() => {
              saved.clear();
              setAdding(true);
            }}
          >
            {t("consent.add")}
          </ToggleButton>
        ) : undefined
      }
    >
      {anonymous && <p className="mb-2 text-sm text-slate-700">{t("consent.anonymous")}</p>}
      {saved.element}
      {adding && (
        <ActionForm
          action={recordConsentAction.bind(null, tenant, participantId)}
          onSuccess={(state) => {
            setAdding(false);
            saved.show(state);
          }}
          className="mb-4 space-y-3 rounded-lg bg-slate-50 p-3"
          label={t("consent.add")}
        >
          <SelectField
            name="purpose"
            label={t("fields.purpose")}
            options={purposes}
            placeholder={t("register.choose")}
          />
          <SelectField
            name="partnerOrganisationId"
            label={t("fields.partner")}
            hint={t("consent.partnerHint")}
            options={organisations}
            placeholder={t("timeline.noOrganisation")}
          />
          <TextField name="givenAt" type="date" label={t("fields.consentDate")} defaultValue={today()} />
          <div className="flex gap-2">
            <SubmitButton>{t("consent.save")}</SubmitButton>
            <ToggleButton onClick={() => setAdding(false)}>{t("timeline.cancel")}</ToggleButton>
          </div>
        </ActionForm>
      )}
      {consents.length === 0 ? (
        <p className="text-sm text-slate-700">{t("consent.none")}</p>
      ) : (
        <ul className="space-y-2">
          {consents.map((c) => (
            <li key={c.id} className="text-sm" data-testid="consent-item">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className={c.withdrawnAt ? "text-slate-600 line-through" : "font-medium"}>
                  {t(`consent.purposes.${c.purpose}`)}
                  {c.partnerName && <> · {c.partnerName}</>}
                </span>
                {!c.withdrawnAt && canEdit && (
                  <ActionForm
                    action={withdrawConsentAction.bind(null, tenant, participantId)}
                    successMessage={false}
                    label={t("consent.withdraw")}
                  >
                    <input type="hidden" name="consentId" value={c.id} />
                    <button
                      type="submit"
                      className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50"
                    >
                      {t("consent.withdraw")}
                      <span className="sr-only"> {t(`consent.purposes.${c.purpose}`)}</span>
                    </button>
                  </ActionForm>
                )}
              </div>
              <p className="text-slate-700">
                {c.withdrawnAt
                  ? t("consent.withdrawnOn", { date: formatDate(locale, c.withdrawnAt) })
                  : t("consent.givenOn", { date: formatDate(locale, c.givenAt) })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

export type DetailsView = {
  name: string | null;
  birthYear: number | null;
  gender: string | null;
  targetGroup: string;
  arrivalYear: number | null;
  languages: string[];
  status: string;
  coordinatorId: string | null;
  version: number;
  anonymous: boolean;
  legalBasis?: string | null;
  legalBasisNote?: string | null;
};

export function DetailsPanel({
  tenant,
  participantId,
  details,
  targetGroups,
  genders,
  statuses,
  coordinators,
  coordinatorName,
  canEdit,
  languages = [],
  legalBases = [],
}: {
  tenant: string;
  participantId: string;
  details: DetailsView;
  targetGroups: Option[];
  genders: Option[];
  statuses: Option[];
  coordinators: Option[];
  coordinatorName: string | null;
  canEdit: boolean;
  /** The common languages, named in the page's language (the rest are typed as codes). */
  languages?: Option[];
  /** The statutory bases of the tenant's country. */
  legalBases?: Option[];
}) {
  const { t } = useTranslation(["participants", "enums"]);
  const [editing, setEditing] = useState(false);
  const saved = useSavedNotice();
  const languageName = new Map(languages.map((l) => [l.value, l.label]));
  const rows: [string, string][] = [
    [t("fields.targetGroup"), t(`enums:TargetGroup.${details.targetGroup}`)],
    ...(!details.anonymous
      ? ([
          [t("fields.birthYear"), details.birthYear ? String(details.birthYear) : "—"],
          [t("fields.gender"), details.gender ? t(`enums:Gender.${details.gender}`) : "—"],
          [t("fields.arrivalYear"), details.arrivalYear ? String(details.arrivalYear) : "—"],
          [t("fields.languages"), details.languages.map((c) => languageName.get(c) ?? c).join(", ") || "—"],
          [
            t("fields.legalBasis"),
            details.legalBasis
              ? [t(`enums:LegalBasis.${details.legalBasis}`), details.legalBasisNote].filter(Boolean).join(": ")
              : "—",
          ],
        ] as [string, string][])
      : []),
    [t("fields.coordinator"), coordinatorName ?? "—"],
  ];
  return (
    <Panel
      id="details"
      title={t("details.title")}
      action={
        canEdit && !editing ? (
          <ToggleButton
            onClick={() => {
              saved.clear();
              setEditing(true);
            }}
          >
            {t("details.edit")}
          </ToggleButton>
        ) : undefined
      }
    >
      {editing ? (
        <ActionForm
          action={updateParticipantAction.bind(null, tenant, participantId)}
          onSuccess={(state) => {
            setEditing(false);
            saved.show(state);
          }}
          className="space-y-3"
          label={t("details.edit")}
        >
          <input type="hidden" name="version" value={details.version} />
          <SelectField name="status" label={t("fields.status")} options={statuses} defaultValue={details.status} />
          <SelectField
            name="targetGroup"
            label={t("fields.targetGroup")}
            options={targetGroups}
            defaultValue={details.targetGroup}
          />
          {!details.anonymous && (
            <>
              <TextField name="name" label={t("fields.nameOptional")} defaultValue={details.name} maxLength={120} />
              <TextField
                name="birthYear"
                label={t("fields.birthYear")}
                defaultValue={details.birthYear}
                inputMode="numeric"
                maxLength={4}
              />
              <SelectField
                name="gender"
                label={t("fields.gender")}
                options={genders}
                defaultValue={details.gender}
                placeholder={t("register.notRecorded")}
              />
              <TextField
                name="arrivalYear"
                label={t("fields.arrivalYear")}
                defaultValue={details.arrivalYear}
                inputMode="numeric"
                maxLength={4}
              />
              <LanguagesField
                label={t("fields.languages")}
                otherLabel={t("register.otherLanguages")}
                otherHint={t("register.languagesHint")}
                options={languages}
                defaultValue={details.languages}
              />
              <SelectField
                name="legalBasis"
                label={t("fields.legalBasis")}
                options={legalBases}
                defaultValue={details.legalBasis ?? ""}
                placeholder={t("register.noLegalBasis")}
              />
              <TextField
                name="legalBasisNote"
                label={t("fields.legalBasisNote")}
                hint={t("register.legalBasisNoteHint")}
                defaultValue={details.legalBasisNote}
                maxLength={200}
              />
            </>
          )}
          <SelectField
            name="coordinatorId"
            label={t("fields.coordinator")}
            options={coordinators}
            defaultValue={details.coordinatorId}
          />
          <div className="flex gap-2">
            <SubmitButton>{t("details.save")}</SubmitButton>
            <ToggleButton onClick={() => setEditing(false)}>{t("timeline.cancel")}</ToggleButton>
          </div>
        </ActionForm>
      ) : (
        <>
          {saved.element}
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            {rows.map(([k, v]) => (
              <Fragment key={k}>
                <dt className="text-slate-600">{k}</dt>
                <dd className="text-slate-900">{v}</dd>
              </Fragment>
            ))}
          </dl>
        </>
      )}
    </Panel>
  );
}
