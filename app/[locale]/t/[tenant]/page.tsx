import { PageHeader } from "@/components/ui/PageHeader";
import { StatCard, StatGrid } from "@/components/ui/StatCard";
import Link from "next/link";
import { requireTenantPage } from "@/lib/auth/tenant-page";
import { can } from "@/lib/auth/permissions";
import { getTenantOverview } from "@/lib/tenants/get-tenant-overview";
import { getT } from "@/lib/i18n/instance";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { readRelease } from "@/lib/releases/read-release";
import { summariseFollowUpsDue } from "@/lib/outcomes/summarise-follow-ups";
import { FollowUpsDue } from "@/components/home/FollowUpsDue";
import { ButtonLink } from "@/components/ui/Button";

type Props = { params: Promise<{ locale: string; tenant: string }>; searchParams: Promise<{ welcome?: string }> };

export default async function TenantHomePage({ params, searchParams }: Props) {
  const { locale, user, ctx } = await requireTenantPage(params);
  const t = getT(locale, ["home", "common"]);
  const overview = await getTenantOverview(ctx);
  const base = `/${locale}/t/${ctx.tenantSlug}`;
  // A partner sees the enrolled count of the published release, with its date; staff the exact live counts.
  const read = ctx.role === "PARTNER_VIEWER" ? await readRelease(ctx) : null;
  const released = read?.scope && !read.scope.withheld ? (read.scope.total?.enrolled ?? null) : null;
  const figures = [
    overview.participants === null
      ? {
          id: "participants",
          label: t("tenant.enrolledReleased"),
          value: released,
          hint: read
            ? t("tenant.releasedHint", { date: formatDate(locale, read.release.asOf, "long") })
            : t("tenant.noRelease"),
        }
      : {
          id: "participants",
          label: t("tenant.participants"),
          value: overview.participants,
          hint: t("tenant.participantsHint", { active: formatNumber(locale, overview.activeParticipants ?? 0) }),
        },
    { id: "active-pilots", label: t("tenant.activePilots"), value: overview.activePilots },
    { id: "partner-organisations", label: t("tenant.partnerOrganisations"), value: overview.partnerOrganisations },
  ];
  const next = [
    ...(can(ctx.role, "participant.view")
      ? [{ href: `${base}/participants`, label: t("tenant.nextParticipants") }]
      : []),
    { href: `${base}/dashboard`, label: t("tenant.nextDashboard") },
    { href: `${base}/pilots`, label: t("tenant.nextPilots") },
  ];
  // A new workspace guides its administrator through the first steps until they are done.
  const steps = can(ctx.role, "settings.manage")
    ? [
        {
          id: "partners",
          href: `${base}/organisations/new`,
          label: t("tenant.stepPartners"),
          done: overview.partnerOrganisations > 0,
        },
        { id: "invite", href: `${base}/members`, label: t("tenant.stepInvite"), done: overview.members > 1 },
        { id: "pilot", href: `${base}/pilots/new`, label: t("tenant.stepPilot"), done: overview.pilots > 0 },
      ]
    : [];
  const showSteps = steps.some((s) => !s.done);
  // What is due comes first for those who follow participants up (partners have no participant access).
  const followUps = can(ctx.role, "participant.view") ? await summariseFollowUpsDue(ctx) : null;
  return (
    <>
      {(await searchParams).welcome && (
        <p role="status" className="mb-4 rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-emerald-900">
          {t("tenant.welcomeNew")}
        </p>
      )}
      <PageHeader title={t("tenant.welcome", { name: user.name })}>
        {t("tenant.intro", { tenant: ctx.tenantName, role: t(`common:roles.${ctx.role}`).toLowerCase() })}
      </PageHeader>
      {can(ctx.role, "participant.manage") && (
        // The coordinator's most frequent start: one click from home to the registration form.
        <p className="-mt-2 mb-6">
          <ButtonLink href={`${base}/participants/new`} className="inline-flex min-h-11 items-center">
            {t("tenant.registerParticipant")}
          </ButtonLink>
        </p>
      )}
      {showSteps && (
        <section aria-labelledby="steps-heading" className="mt-6 rounded-xl border border-brand-600/40 bg-brand-50 p-5">
          <h2 id="steps-heading" className="text-xl font-semibold">
            {t("tenant.nextStepsTitle")}
          </h2>
          <p className="mt-1 text-slate-700">{t("tenant.nextStepsIntro")}</p>
          <ol className="mt-3 space-y-2">
            {steps.map((s, i) => (
              <li key={s.id} className="flex items-center gap-3" data-testid={`step-${s.id}`}>
                <span
                  aria-hidden="true"
                  className={`flex size-7 items-center justify-center rounded-full text-sm font-bold ${s.done ? "bg-emerald-600 text-white" : "bg-white text-brand-800 ring-1 ring-brand-600"}`}
                >
                  {s.done ? "✓" : i + 1}
                </span>
                {s.done ? (
                  <span className="text-slate-600 line-through">{s.label}</span>
                ) : (
                  <Link href={s.href} className="font-medium text-brand-800 underline">
                    {s.label}
                  </Link>
                )}
                {s.done && <span className="sr-only">{t("tenant.done")}</span>}
              </li>
            ))}
          </ol>
        </section>
      )}
      {followUps && <FollowUpsDue locale={locale} base={base} summary={followUps} />}
      <section aria-labelledby="overview-heading" className="mt-8">
        <h2 id="overview-heading" className="sr-only">
          {t("tenant.overviewLabel")}
        </h2>
        <StatGrid layout="three">
          {figures.map((f) => (
            <StatCard
              key={f.id}
              data-testid={`count-${f.id}`}
              large
              subSize="sm"
              label={f.label}
              value={f.value === null ? "–" : formatNumber(locale, f.value)}
              sub={f.hint}
            />
          ))}
        </StatGrid>
      </section>
      <section aria-labelledby="next-heading" className="mt-10">
        <h2 id="next-heading" className="text-xl font-semibold">
          {t("tenant.nextTitle")}
        </h2>
        <ul className="mt-3 grid gap-3 sm:grid-cols-3">
          {next.map((n) => (
            <li key={n.href}>
              <Link
                href={n.href}
                className="block h-full rounded-lg border border-slate-200 bg-white px-4 py-3 font-medium text-brand-800 shadow-sm hover:border-brand-600"
              >
                {n.label} <span aria-hidden="true">→</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
