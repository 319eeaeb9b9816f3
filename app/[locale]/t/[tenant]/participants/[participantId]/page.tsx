import type { Metadata } from "next";
import { orNotFound } from "@/lib/http/page-helpers";
import Link from "next/link";
import { requireTenantPage } from "@/lib/auth/tenant-page";
import { can } from "@/lib/auth/permissions";
import { getParticipantPage } from "@/lib/participants/get-participant";
import { TARGET_GROUPS, GENDERS, PARTICIPANT_STATUSES, CONSENT_PURPOSES } from "@/lib/participants/schemas";
import { ACTIVITY_TYPES, ACTIVITY_STATUSES } from "@/lib/pathways/schemas";
import { EXIT_REASONS } from "@/lib/enrolments/schemas";
import { OUTCOME_POINTS, OUTCOME_STATUSES, WORKING_TIMES } from "@/lib/outcomes/schemas";
import { followUpsFor } from "@/lib/outcomes/follow-up-schedule";
import { presetFromQuery, recordOutcomeHref } from "@/lib/outcomes/follow-up-links";
import { participantStatusTone } from "@/lib/participants/tones";
import { Timeline } from "@/components/pathways/Timeline";
import { buildTimeline, todayIn } from "@/lib/pathways/timeline";
import {
  ConsentPanel,
  DetailsPanel,
  EnrolmentsPanel,
  FollowUpsPanel,
  OutcomesPanel,
} from "@/components/participants/Panels";
import { Badge } from "@/components/ui/Badge";
import { DataProtectionPanel } from "@/components/participants/DataProtectionPanel";
import { RegisteredBanner } from "@/components/participants/RegisteredBanner";
import { languageOptions } from "@/lib/participants/languages";
import { legalBasesFor } from "@/lib/participants/schemas";
import { getT } from "@/lib/i18n/instance";
import { localeParam } from "@/lib/i18n/params";

type Props = {
  params: Promise<{ locale: string; tenant: string; participantId: string }>;
  searchParams: Promise<{ registered?: string; record?: string; enrolment?: string }>;
};

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params), "participants")("page.title") };
}

export default async function ParticipantPage({ params, searchParams }: Props) {
  const { locale, ctx } = await requireTenantPage(params, "participant.view");
  const { participantId } = await params;
  const t = getT(locale, ["participants", "enums", "common"]);
  const { participant, consents, enrolments, activities, outcomes, coordinator, options } = await orNotFound(
    getParticipantPage(ctx, participantId),
  );
  const canEdit = can(ctx.role, "participant.manage");
  const query = await searchParams;
  const base = `/${locale}/t/${ctx.tenantSlug}`;
  // Opened from a follow-up link (home page, follow-ups list, the panel here): the outcome form starts at it.
  const preset = canEdit
    ? presetFromQuery(
        query,
        enrolments.filter((e) => e.exitDate).map((e) => e.id),
      )
    : null;
  const opt = (values: readonly string[], enumName: string) =>
    values.map((v) => ({ value: v, label: t(`enums:${enumName}.${v}`) }));
  const organisations = options.organisations.map((o) => ({ value: o.id, label: o.name }));
  const followUps = enrolments
    .filter((e) => e.exitDate)
    .flatMap((e) =>
      followUpsFor(
        e.exitDate!,
        outcomes.filter((o) => o.enrolmentId === e.id).map((o) => o.point),
      ).map((f) => ({
        enrolmentId: e.id,
        pilotName: e.pilot.name,
        point: f.point,
        due: isoDay(f.due),
        state: f.state,
        href: canEdit
          ? recordOutcomeHref(base, { participantId: participant.id, enrolmentId: e.id, point: f.point })
          : undefined,
      })),
    );
  const today = todayIn();
  const activeEnrolments = enrolments.filter((e) => !e.exitDate || isoDay(e.exitDate) > today);
  const enrolmentViews = enrolments.map((e) => ({
    id: e.id,
    pilotName: e.pilot.name,
    startDate: isoDay(e.startDate),
    exitDate: e.exitDate ? isoDay(e.exitDate) : null,
    exitReason: e.exitReason,
  }));
  const activityViews = activities.map((a) => ({
    id: a.id,
    type: a.type,
    status: a.status,
    organisationId: a.organisationId,
    organisationName: a.organisation?.name ?? null,
    enrolmentId: a.enrolmentId,
    startDate: isoDay(a.startDate),
    endDate: a.endDate ? isoDay(a.endDate) : null,
    hoursPerWeek: a.hoursPerWeek === null ? null : Number(a.hoursPerWeek),
    note: a.note,
    version: a.version,
  }));
  const outcomeViews = outcomes.map((o) => ({
    id: o.id,
    enrolmentId: o.enrolmentId,
    point: o.point,
    status: o.status,
    workingTime: o.workingTime,
    organisationName: o.organisation?.name ?? null,
    observedAt: isoDay(o.observedAt),
  }));
  const hasFollowUpConsent = consents.some((c) => c.purpose === "FOLLOW_UP" && !c.withdrawnAt);
  // Followed up on consent or on a statutory basis (an anonymous registration has neither).
  const mayFollowUp = !participant.anonymous && (hasFollowUpConsent || participant.legalBasis !== null);
  // Consent to share is given to partners, not to the municipality itself.
  const sharingPartners = options.organisations
    .filter((o) => o.type !== "MUNICIPALITY")
    .map((o) => ({ value: o.id, label: o.name }));
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`${base}/participants`} className="text-brand-700 underline">
          ← {t("common:nav.participants")}
        </Link>
      </p>
      {query.registered && <RegisteredBanner message={t("register.done", { code: participant.code })} />}
      <div className="mb-6 flex flex-wrap items-center gap-3">
        <h1 className="font-mono text-3xl font-bold tracking-tight">{participant.code}</h1>
        {participant.name && <span className="text-xl text-slate-800">{participant.name}</span>}
        <Badge tone={participantStatusTone[participant.status]}>
          {t(`enums:ParticipantStatus.${participant.status}`)}
        </Badge>
        {participant.anonymous && <Badge>{t("fields.anonymous")}</Badge>}
      </div>
      {!mayFollowUp && !participant.anonymous && (
        <p className="mb-6 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("consent.noFollowUpWarning")}
        </p>
      )}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Timeline
            locale={locale}
            tenant={ctx.tenantSlug}
            participantId={participant.id}
            canEdit={canEdit}
            today={today}
            activePilot={activeEnrolments.length === 1 ? activeEnrolments[0].id : null}
            entries={buildTimeline({
              today,
              enrolments: enrolmentViews,
              activities: activityViews,
              outcomes: outcomeViews,
              followUps,
            })}
            choices={{
              types: opt(ACTIVITY_TYPES, "ActivityType"),
              statuses: opt(ACTIVITY_STATUSES, "ActivityStatus"),
              organisations,
              enrolments: enrolments.map((e) => ({ value: e.id, label: e.pilot.name })),
            }}
          />
        </div>
        <div className="space-y-6">
          <FollowUpsPanel locale={locale} followUps={followUps} />
          <EnrolmentsPanel
            locale={locale}
            tenant={ctx.tenantSlug}
            participantId={participant.id}
            canEdit={canEdit}
            canEnrol={mayFollowUp}
            enrolments={enrolmentViews}
            pilots={options.pilots.map((p) => ({ value: p.id, label: p.name }))}
            exitReasons={opt(["COMPLETED", ...EXIT_REASONS.filter((r) => r !== "COMPLETED")], "ExitReason")}
            ending={{
              statuses: opt(OUTCOME_STATUSES, "OutcomeStatus"),
              workingTimes: opt(WORKING_TIMES, "WorkingTime"),
              organisations,
              activities: activities.map((a) => ({
                type: a.type,
                status: a.status,
                startDate: isoDay(a.startDate),
                endDate: a.endDate ? isoDay(a.endDate) : null,
                organisationId: a.organisationId,
                hoursPerWeek: a.hoursPerWeek === null ? null : Number(a.hoursPerWeek),
              })),
              openActivities: activities
                .filter((a) => a.status === "PLANNED" || a.status === "ONGOING")
                .map((a) => ({
                  id: a.id,
                  type: a.type,
                  status: a.status,
                  organisationName: a.organisation?.name ?? null,
                })),
            }}
          />
          <OutcomesPanel
            key={preset ? `${preset.enrolmentId}-${preset.point}` : "none"}
            preset={preset}
            locale={locale}
            tenant={ctx.tenantSlug}
            participantId={participant.id}
            canEdit={canEdit}
            outcomes={outcomeViews}
            exitedEnrolments={enrolments.filter((e) => e.exitDate).map((e) => ({ value: e.id, label: e.pilot.name }))}
            points={opt(OUTCOME_POINTS, "OutcomePoint")}
            statuses={opt(OUTCOME_STATUSES, "OutcomeStatus")}
            workingTimes={opt(WORKING_TIMES, "WorkingTime")}
            organisations={organisations}
          />
          <ConsentPanel
            locale={locale}
            tenant={ctx.tenantSlug}
            participantId={participant.id}
            canEdit={canEdit}
            anonymous={participant.anonymous}
            consents={consents.map((c) => ({
              id: c.id,
              purpose: c.purpose,
              partnerName: c.partnerOrganisation?.name ?? null,
              givenAt: isoDay(c.givenAt),
              withdrawnAt: c.withdrawnAt ? isoDay(c.withdrawnAt) : null,
            }))}
            purposes={CONSENT_PURPOSES.map((p) => ({ value: p, label: t(`consent.purposes.${p}`) }))}
            organisations={sharingPartners}
          />
          <DetailsPanel
            tenant={ctx.tenantSlug}
            participantId={participant.id}
            canEdit={canEdit}
            details={{
              name: participant.name,
              birthYear: participant.birthYear,
              gender: participant.gender,
              targetGroup: participant.targetGroup,
              arrivalYear: participant.arrivalYear,
              languages: participant.languages,
              status: participant.status,
              coordinatorId: participant.coordinatorId,
              version: participant.version,
              anonymous: participant.anonymous,
              legalBasis: participant.legalBasis,
              legalBasisNote: participant.legalBasisNote,
            }}
            languages={languageOptions(locale)}
            legalBases={legalBasesFor(options.country).map((b) => ({ value: b, label: t(`enums:LegalBasis.${b}`) }))}
            coordinatorName={coordinator?.name ?? null}
            targetGroups={opt(TARGET_GROUPS, "TargetGroup")}
            genders={opt(GENDERS, "Gender")}
            statuses={opt(PARTICIPANT_STATUSES, "ParticipantStatus")}
            coordinators={options.coordinators.map((c) => ({ value: c.id, label: c.name }))}
          />
          {can(ctx.role, "participant.erase") && (
            <DataProtectionPanel
              locale={locale}
              tenant={ctx.tenantSlug}
              participantId={participant.id}
              code={participant.code}
            />
          )}
        </div>
      </div>
    </>
  );
}
