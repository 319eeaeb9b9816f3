import { Card } from "@/components/ui/Card";
import type { Metadata } from "next";
import { requireTenantPage } from "@/lib/auth/tenant-page";
import { firstValues } from "@/lib/http/page-helpers";
import { IMPORT_MAX_BYTES } from "@/lib/import/read-file";
import { PageHeader } from "@/components/ui/PageHeader";
import { UploadForm } from "@/components/import/UploadForm";
import { getT } from "@/lib/i18n/instance";
import { localeParam } from "@/lib/i18n/params";
import { locales } from "@/lib/i18n/settings";

type Props = {
  params: Promise<{ locale: string; tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const ERROR_KEYS = [
  "empty",
  "tooLarge",
  "tooManyRows",
  "tooManyColumns",
  "notSpreadsheet",
  "oldExcel",
  "headerOnly",
  "noFile",
];

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params), ["import"])("import:title") };
}

export default async function ImportPage({ params, searchParams }: Props) {
  const { locale, ctx } = await requireTenantPage(params, "participant.manage");
  const t = getT(locale, ["import", "common"]);
  const query = await firstValues(searchParams);
  const maxMb = IMPORT_MAX_BYTES / 1024 / 1024;
  // A refusal after a form post without JavaScript comes back as ?error=<reason>.
  const error =
    query.error && ERROR_KEYS.includes(query.error)
      ? t(`import:errors.${query.error}`, { max: query.max ?? maxMb })
      : undefined;
  const api = `/api/t/${ctx.tenantSlug}/import`;
  const link =
    "rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50";
  return (
    <>
      <PageHeader title={t("import:title")}>{t("import:intro")}</PageHeader>
      <div className="grid gap-6 lg:grid-cols-3">
        <Card as="section" aria-labelledby="upload-heading" className="lg:col-span-2">
          <h2 id="upload-heading" className="mb-3 text-xl font-semibold">
            {t("import:upload.heading")}
          </h2>
          <UploadForm action={`${api}?locale=${locale}`} maxMb={maxMb} initialError={error} />
        </Card>
        <Card as="section" aria-labelledby="templates-heading">
          <h2 id="templates-heading" className="mb-2 text-xl font-semibold">
            {t("import:templates")}
          </h2>
          <p className="mb-3 text-sm text-slate-700">{t("import:templatesIntro")}</p>
          <ul className="space-y-2">
            {[locale, ...locales.filter((l) => l !== locale)].map((l) => (
              <li key={l} className="flex flex-wrap items-center gap-2">
                <span className="w-24 text-sm font-medium" lang={l}>
                  {t(`common:language.${l}`)}
                </span>
                <a className={link} href={`${api}/template?locale=${l}&format=xlsx`} download>
                  {t("import:templateXlsx")}
                </a>
                <a className={link} href={`${api}/template?locale=${l}&format=csv`} download>
                  {t("import:templateCsv")}
                </a>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
