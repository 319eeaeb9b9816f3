import type { Metadata } from "next";
import { cache } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PublicHeader } from "@/components/shell/PublicHeader";
import { ModelView } from "@/components/models/ModelView";
import { currentUser } from "@/lib/auth/session";
import { listMemberships } from "@/lib/auth/memberships";
import { can } from "@/lib/auth/permissions";
import { getPublishedModel } from "@/lib/models/public-models";
import { getT } from "@/lib/i18n/instance";
import { localeParam } from "@/lib/i18n/params";

type Props = { params: Promise<{ locale: string; slug: string }> };

// Once per request, for the metadata and the page.
const loadModel = cache((slug: string) => getPublishedModel(slug));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await localeParam(params);
  const { slug } = await params;
  const model = await loadModel(slug);
  const t = getT(locale, "models");
  return model ? { title: model.title, description: model.summary ?? undefined } : { title: t("library.title") };
}

/** A published collaboration model, readable by anyone; an administrator elsewhere can start from it. */
export default async function PublishedModelPage({ params }: Props) {
  const locale = await localeParam(params);
  const { slug } = await params;
  const t = getT(locale, ["models", "dashboard", "enums", "common"]);
  const model = await loadModel(slug);
  if (!model) notFound();
  const user = await currentUser();
  const memberships = user ? await listMemberships(user.id) : [];
  const adminOf = memberships.filter((m) => can(m.role, "settings.manage") && m.tenantId !== model.tenantId);
  const owner = memberships.find((m) => m.tenantId === model.tenantId);
  const here = `/${locale}/models/${model.slug}`;
  return (
    <>
      <PublicHeader locale={locale} appName={t("common:appName")} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        <p className="mb-4 text-sm">
          <Link href={`/${locale}/models`} className="text-brand-700 underline">
            ← {t("library.title")}
          </Link>
        </p>
        <ModelView model={model} locale={locale} t={t} />
        <section aria-labelledby="start-heading" className="mt-10 rounded-xl border border-brand-100 bg-brand-50 p-5">
          <h2 id="start-heading" className="text-lg font-semibold text-brand-800">
            {t("start.title")}
          </h2>
          <p className="mt-1 max-w-3xl text-slate-800">{t("start.text")}</p>
          {adminOf.length > 0 ? (
            <ul className="mt-4 flex flex-wrap gap-3">
              {adminOf.map((m) => (
                <li key={m.tenantSlug}>
                  <Link
                    href={`/${locale}/t/${m.tenantSlug}/model?from=${encodeURIComponent(model.slug)}`}
                    className="inline-block rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
                  >
                    {adminOf.length === 1 ? t("start.button") : t("start.buttonFor", { tenant: m.tenantName })}
                  </Link>
                </li>
              ))}
            </ul>
          ) : owner ? (
            <p className="mt-3">
              <Link href={`/${locale}/t/${owner.tenantSlug}/model`} className="font-medium text-brand-700 underline">
                {t("start.yours")}
              </Link>
            </p>
          ) : user ? (
            <p className="mt-3 text-sm text-slate-700">{t("start.adminsOnly")}</p>
          ) : (
            <p className="mt-3">
              <Link
                href={`/${locale}/signin?callbackUrl=${encodeURIComponent(here)}`}
                className="font-medium text-brand-700 underline"
              >
                {t("start.signIn")}
              </Link>
            </p>
          )}
        </section>
      </main>
    </>
  );
}
