import { Card } from "@/components/ui/Card";
import type { Metadata } from "next";
import { requireTenantPage } from "@/lib/auth/tenant-page";
import { listMembers } from "@/lib/members/list-members";
import { ROLES } from "@/lib/members/schemas";
import { listOrganisations } from "@/lib/organisations/list-organisations";
import { InviteForm, RemoveForm, RevokeForm, RoleForm } from "@/components/members/MemberForms";
import { PageHeader } from "@/components/ui/PageHeader";
import { getT } from "@/lib/i18n/instance";
import { formatDate } from "@/lib/i18n/format";
import { localeParam } from "@/lib/i18n/params";

type Props = { params: Promise<{ locale: string; tenant: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params), "members")("title") };
}

export default async function MembersPage({ params }: Props) {
  const { locale, ctx, user } = await requireTenantPage(params, "members.manage");
  const t = getT(locale, ["members", "common"]);
  const { members, invitations } = await listMembers(ctx);
  const organisations = (await listOrganisations(ctx))
    .filter((o) => o.active)
    .map((o) => ({ value: o.id, label: o.name }));
  const roles = ROLES.map((r) => ({ value: r, label: t(`common:roles.${r}`) }));
  // Two members of one name: their e-mail tells them apart in the buttons' labels too (screen readers).
  const sameName = new Map<string, number>();
  for (const m of members) sameName.set(m.user.name, (sameName.get(m.user.name) ?? 0) + 1);
  const who = (m: { user: { name: string; email: string } }) =>
    (sameName.get(m.user.name) ?? 0) > 1 ? `${m.user.name} (${m.user.email})` : m.user.name;
  const ownAdmin = (m: { role: string; user: { id: string } }) => m.user.id === user.id && m.role === "TENANT_ADMIN";
  return (
    <>
      <PageHeader title={t("title")}>{t("intro")}</PageHeader>
      <section
        aria-labelledby="invite-heading"
        className="mb-8 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
      >
        <h2 id="invite-heading" className="mb-3 text-lg font-semibold">
          {t("inviteTitle")}
        </h2>
        <InviteForm locale={locale} tenant={ctx.tenantSlug} roles={roles} organisations={organisations} />
        {invitations.length > 0 && (
          <>
            <h3 className="mt-5 mb-2 font-semibold">{t("pending")}</h3>
            <ul className="divide-y divide-slate-100">
              {invitations.map((i) => (
                <li
                  key={i.id}
                  className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm"
                  data-testid="invitation-item"
                >
                  <span>
                    <strong>{i.email}</strong> · {t(`common:roles.${i.role}`)}
                    {i.organisation && ` · ${i.organisation.name}`} ·{" "}
                    {t("expires", { date: formatDate(locale, i.expiresAt) })}
                  </span>
                  <RevokeForm tenant={ctx.tenantSlug} invitationId={i.id} email={i.email} />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <Card as="section" aria-labelledby="members-heading">
        <h2 id="members-heading" className="mb-3 text-lg font-semibold">
          {t("members", { count: members.length })}
        </h2>
        <ul className="divide-y divide-slate-100">
          {members.map((m) => (
            <li key={m.id} className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="member-item">
              <div>
                <p className="font-medium">
                  {m.user.name}
                  {m.user.id === user.id && <span className="text-slate-600"> ({t("you")})</span>}
                </p>
                <p className="text-sm text-slate-700">
                  {m.user.email} · {t(`common:roles.${m.role}`)}
                  {m.organisation && ` · ${m.organisation.name}`}
                </p>
              </div>
              <div className="flex flex-wrap items-center gap-3">
                <RoleForm
                  tenant={ctx.tenantSlug}
                  membershipId={m.id}
                  role={m.role}
                  organisationId={m.organisationId}
                  roles={roles}
                  organisations={organisations}
                  name={who(m)}
                  ownAdmin={ownAdmin(m)}
                />
                <RemoveForm tenant={ctx.tenantSlug} membershipId={m.id} name={who(m)} ownAdmin={ownAdmin(m)} />
              </div>
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
