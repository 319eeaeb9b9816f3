import type { Metadata } from "next";
import { orNotFound } from "@/lib/http/page-helpers";
import { requireTenantPage } from "@/lib/auth/tenant-page";
import { exportParticipant } from "@/lib/participants/gdpr";
import { PrintButton } from "@/components/dashboards/PrintButton";
import { getT } from "@/lib/i18n/instance";
import { formatDate } from "@/lib/i18n/format";
import { localeParam } from "@/lib/i18n/params";

type Props = { params: Promise<{ locale: string; tenant: string; participantId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params), "participants")("gdpr.readableTitle") };
}

/** GDPR access: everything stored about one participant, readable and printable, for handing over. Audited. */
export default async function ParticipantExportPage({ params }: Props) {
  const { locale, ctx } = await requireTenantPage(params, "participant.export");
  const { participantId } = await params;
  const t = getT(locale, ["participants", "enums", "common"]);
  const data = await orNotFound(exportParticipant(ctx, participantId));
  const d = (v: Date | string | null) => (v ? formatDate(locale, v) : "—");
  const p = data.participant;
  const section = "mt-6 break-inside-avoid";
  return (
    <article className="mx-auto max-w-3xl">
      <div className="flex items-start justify-between gap-4">
        <div>
          <p className="text-sm text-slate-600">
            {ctx.tenantName} · {t("gdpr.exportedOn", { date: d(data.exportedAt) })}
          </p>
          <h1 className="text-3xl font-bold">
            {t("gdpr.readableTitle")}: <span className="font-mono">{p.code}</span>
          </h1>
        </div>
        <PrintButton label={t("gdpr.print")} />
      </div>
      <p className="mt-3 flex flex-wrap gap-4 text-sm print:hidden">
        <a
          href={`/api/t/${ctx.tenantSlug}/participants/${participantId}/export`}
          download
          className="font-medium text-brand-700 underline"
        >
          {t("gdpr.export")}
        </a>
        <a
          href={`/api/t/${ctx.tenantSlug}/participants/${participantId}/export?${new URLSearchParams({ format: "xlsx", locale })}`}
          download
          className="font-medium text-brand-700 underline"
        >
          {t("gdpr.exportXlsx")}
        </a>
      </p>
      <section className={section} aria-labelledby="person">
        <h2 id="person" className="text-xl font-semibold">
          {t("details.title")}
        </h2>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
          <dt className="text-slate-600">{t("gdpr.columns.externalRef")}</dt>
          <dd>{p.externalRef ?? "—"}</dd>
          <dt className="text-slate-600">{t("fields.name")}</dt>
          <dd>{p.name ?? "—"}</dd>
          <dt className="text-slate-600">{t("fields.birthYear")}</dt>
          <dd>{p.birthYear ?? "—"}</dd>
          <dt className="text-slate-600">{t("fields.gender")}</dt>
          <dd>{p.gender ? t(`enums:Gender.${p.gender}`) : "—"}</dd>
          <dt className="text-slate-600">{t("fields.targetGroup")}</dt>
          <dd>{t(`enums:TargetGroup.${p.targetGroup}`)}</dd>
          <dt className="text-slate-600">{t("fields.arrivalYear")}</dt>
          <dd>{p.arrivalYear ?? "—"}</dd>
          <dt className="text-slate-600">{t("fields.languages")}</dt>
          <dd>{p.languages.join(", ") || "—"}</dd>
          <dt className="text-slate-600">{t("fields.coordinator")}</dt>
          <dd>{p.coordinator ?? "—"}</dd>
          <dt className="text-slate-600">{t("fields.status")}</dt>
          <dd>{t(`enums:ParticipantStatus.${p.status}`)}</dd>
          <dt className="text-slate-600">{t("fields.legalBasis")}</dt>
          <dd>
            {p.legalBasis ? [t(`enums:LegalBasis.${p.legalBasis}`), p.legalBasisNote].filter(Boolean).join(": ") : "—"}
          </dd>
        </dl>
      </section>
      <section className={section} aria-labelledby="consents">
        <h2 id="consents" className="text-xl font-semibold">
          {t("consent.title")}
        </h2>
        <ul className="mt-2 list-inside list-disc text-sm">
          {data.consents.map((c, i) => (
            <li key={i}>
              {t(`consent.purposes.${c.purpose}`)}
              {c.partnerOrganisation ? ` · ${c.partnerOrganisation.name}` : ""}:{" "}
              {t("consent.givenOn", { date: d(c.givenAt) })}
              {c.withdrawnAt ? `, ${t("consent.withdrawnOn", { date: d(c.withdrawnAt) })}` : ""}
            </li>
          ))}
        </ul>
      </section>
      <section className={section} aria-labelledby="pathway">
        <h2 id="pathway" className="text-xl font-semibold">
          {t("timeline.title")}
        </h2>
        <ul className="mt-2 space-y-1 text-sm">
          {data.enrolments.map((e, i) => (
            <li key={`e${i}`}>
              <strong>{e.pilot.name}</strong>: {d(e.startDate)} – {d(e.exitDate)}
              {e.exitReason ? ` (${t(`enums:ExitReason.${e.exitReason}`)})` : ""}
            </li>
          ))}
          {data.activities.map((a, i) => (
            <li key={`a${i}`}>
              {t(`enums:ActivityType.${a.type}`)}
              {a.organisation ? ` · ${a.organisation.name}` : ""}: {d(a.startDate)} – {d(a.endDate)} ·{" "}
              {t(`enums:ActivityStatus.${a.status}`)}
              {a.note ? ` — ${a.note}` : ""}
            </li>
          ))}
          {data.outcomes.map((o, i) => (
            <li key={`o${i}`}>
              {t(`enums:OutcomePoint.${o.point}`)}: {t(`enums:OutcomeStatus.${o.status}`)}
              {o.organisation ? ` · ${o.organisation.name}` : ""} ({d(o.observedAt)}){o.note ? ` — ${o.note}` : ""}
            </li>
          ))}
        </ul>
      </section>
      <section className={section} aria-labelledby="log">
        <h2 id="log" className="text-xl font-semibold">
          {t("gdpr.accessLog")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t("gdpr.accessLogIntro", { count: data.accessLog.length })}</p>
      </section>
    </article>
  );
}
