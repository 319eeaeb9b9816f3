import { ButtonLink } from "@/components/ui/Button";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireTenantPage } from "@/lib/auth/tenant-page";
import { firstValues } from "@/lib/http/page-helpers";
import { getImportDraft } from "@/lib/import/drafts";
import { FIELD_GROUPS, FIELDS, fieldLabel, normalise, type FieldKey } from "@/lib/import/fields";
import { ORGANISATION_TYPES } from "@/lib/organisations/schemas";
import { PILOT_KINDS } from "@/lib/pilots/schemas";
import { AppError } from "@/lib/errors";
import { requiredId } from "@/lib/validation";
import type { Issue, RowAction } from "@/lib/import/plan";
import { PageHeader } from "@/components/ui/PageHeader";
import { DataTable } from "@/components/ui/DataTable";
import { Pagination } from "@/components/ui/Pagination";
import { Badge } from "@/components/ui/Badge";
import { StepForm } from "@/components/import/StepForm";
import { PendingButton } from "@/components/import/PendingButton";
import { discardImportAction, runImportAction, saveImportMappingAction } from "../actions";
import { getT } from "@/lib/i18n/instance";
import { formatNumber } from "@/lib/i18n/format";
import { localeParam } from "@/lib/i18n/params";

type Props = {
  params: Promise<{ locale: string; tenant: string; draftId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const ROWS_PER_PAGE = 50;
const actionTone: Record<RowAction, "green" | "blue" | "neutral" | "red" | "amber"> = {
  create: "green",
  update: "blue",
  unchanged: "neutral",
  skip: "red",
  duplicate: "amber",
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params), ["import"])("import:title") };
}

export default async function ImportDraftPage({ params, searchParams }: Props) {
  const { locale, ctx } = await requireTenantPage(params, "participant.manage");
  const { draftId } = await params;
  if (!requiredId.safeParse(draftId).success) notFound();
  const draft = await getImportDraft(ctx, draftId).catch((error) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const t = getT(locale, ["import", "enums", "errors", "participants", "common"]);
  const query = await firstValues(searchParams);
  const base = `/${locale}/t/${ctx.tenantSlug}`;
  const n = (v: number) => formatNumber(locale, v);
  const box = "rounded-xl border border-slate-200 bg-white p-5 shadow-sm";
  const select = "block w-full min-w-0 rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm";
  const error = query.error && /^(import:errors\.|errors:)[A-Za-z]+$/.test(query.error) ? t(query.error) : null;
  const link =
    "rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50";

  if (draft.importedAt && draft.result) {
    const r = draft.result;
    return (
      <>
        <PageHeader title={t("import:result.heading")}>
          {t("import:draft.file", { name: draft.fileName, rows: n(draft.rowCount) })}
        </PageHeader>
        <section className={box}>
          <p
            role="status"
            className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-emerald-900"
            data-testid="import-result"
          >
            {t("import:result.summary", {
              pc: n(r.participants.create),
              pu: n(r.participants.update),
              ec: n(r.enrolments.create),
              eu: n(r.enrolments.update),
              ac: n(r.activities.create),
              au: n(r.activities.update),
              oc: n(r.outcomes.create),
              ou: n(r.outcomes.update),
              orgs: n(r.organisations),
              pilots: n(r.pilots),
              skipped: n(r.rowsSkipped),
            })}
          </p>
          <div className="mt-4 flex flex-wrap gap-3">
            <ButtonLink href={`${base}/participants`}>{t("import:result.toParticipants")}</ButtonLink>
            <Link className={link} href={`${base}/dashboard`}>
              {t("import:result.toDashboard")}
            </Link>
            <Link className={link} href={`${base}/import`}>
              {t("import:result.another")}
            </Link>
          </div>
        </section>
      </>
    );
  }

  const plan = draft.plan!;
  const s = plan.summary;
  const columnName = (column: number | null) => (column === null ? null : draft.headers[column]);
  const issueText = (i: Issue) => {
    const message = t(`import:issue.${i.key}`, { ...i.params, row: i.params?.row ?? "" });
    const column = columnName(i.column);
    return column
      ? t("import:draft.issueAt", { row: i.row, column, message })
      : t("import:draft.issueRow", { row: i.row, message });
  };
  const issuesByRow = new Map<number, Issue[]>();
  for (const i of plan.issues) issuesByRow.set(i.row, [...(issuesByRow.get(i.row) ?? []), i]);
  const onlyErrors = query.rows === "errors";
  const shownRows = onlyErrors ? plan.rows.filter((r) => issuesByRow.has(r.row)) : plan.rows;
  const pages = Math.max(1, Math.ceil(shownRows.length / ROWS_PER_PAGE));
  const page = Math.min(pages, Math.max(1, Number.parseInt(query.page ?? "1", 10) || 1));
  const pageRows = shownRows.slice((page - 1) * ROWS_PER_PAGE, page * ROWS_PER_PAGE);
  const here = `${base}/import/${draft.id}`;
  const hrefFor = (p: number) =>
    `${here}?${new URLSearchParams({ ...(onlyErrors ? { rows: "errors" } : {}), ...(p > 1 ? { page: String(p) } : {}) })}#rows`;
  const importCount = s.participants.create + s.participants.update;
  const fieldName = (f: FieldKey) => fieldLabel(t, f);

  return (
    <>
      <PageHeader title={t("import:title")}>
        {t("import:draft.file", { name: draft.fileName, rows: n(draft.rowCount) })}
      </PageHeader>
      {error && (
        <p role="alert" className="mb-4 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}

      <section aria-labelledby="mapping-heading" className={`${box} mb-6`}>
        <h2 id="mapping-heading" className="text-xl font-semibold">
          {t("import:draft.mappingHeading")}
        </h2>
        <p className="mt-1 mb-4 text-sm text-slate-700">{t("import:draft.mappingIntro")}</p>
        <StepForm
          action={saveImportMappingAction.bind(null, locale, ctx.tenantSlug, draft.id)}
          label={t("import:draft.mappingHeading")}
        >
          <ul className="divide-y divide-slate-100" data-testid="column-mapping">
            {draft.headers.map((header, column) => (
              <li
                key={column}
                className="grid gap-2 py-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_minmax(0,16rem)] sm:items-center"
              >
                <label htmlFor={`column-${column}`} className="font-medium break-words">
                  {header}
                </label>
                <span
                  className="truncate text-sm text-slate-600"
                  title={draft.sample.map((r) => r[column]).join(" · ")}
                >
                  <span className="sr-only">{t("import:draft.sample")}: </span>
                  {draft.sample
                    .map((r) => r[column])
                    .filter(Boolean)
                    .join(" · ") || "—"}
                </span>
                <select
                  id={`column-${column}`}
                  name={`column.${column}`}
                  defaultValue={draft.mapping.columns[column] ?? ""}
                  className={select}
                  aria-label={t("import:draft.fieldFor", { column: header })}
                >
                  <option value="">{t("import:draft.ignore")}</option>
                  {FIELD_GROUPS.map((g) => (
                    <optgroup key={g.group} label={t(`import:group.${g.group}`)}>
                      {g.fields.map((f) => (
                        <option key={f} value={f}>
                          {fieldName(f)}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
              </li>
            ))}
          </ul>

          {plan.unknownValues.length > 0 && (
            <fieldset className="mt-6">
              <legend className="text-lg font-semibold">{t("import:draft.valuesHeading")}</legend>
              <p className="mb-2 text-sm text-slate-700">{t("import:draft.valuesIntro")}</p>
              <ul className="space-y-2">
                {plan.unknownValues.map((u) => {
                  const spec = FIELDS[u.field];
                  const id = `value-${u.field}-${normalise(u.value)}`;
                  return (
                    <li key={id} className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,16rem)] sm:items-center">
                      <label htmlFor={id} className="text-sm break-words">
                        {t("import:draft.valueFor", { value: u.value, field: fieldName(u.field), count: u.count })}
                      </label>
                      <select
                        id={id}
                        name={`value.${u.field}.${normalise(u.value)}`}
                        defaultValue={draft.mapping.values[u.field]?.[normalise(u.value)] ?? ""}
                        className={select}
                      >
                        <option value="">{t("import:draft.choose")}</option>
                        {spec.values!.map((code) => (
                          <option key={code} value={code}>
                            {t(`enums:${spec.enum}.${code}`)}
                          </option>
                        ))}
                      </select>
                    </li>
                  );
                })}
              </ul>
            </fieldset>
          )}

          {(plan.unknownOrganisations.length > 0 || plan.unknownPilots.length > 0) && (
            <fieldset className="mt-6">
              <legend className="text-lg font-semibold">{t("import:draft.createHeading")}</legend>
              <p className="mb-2 text-sm text-slate-700">{t("import:draft.createIntro")}</p>
              <ul className="space-y-2">
                {plan.unknownOrganisations.map((o) => {
                  const id = `org-${normalise(o.name)}`;
                  return (
                    <li key={id} className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,16rem)] sm:items-center">
                      <label htmlFor={id} className="text-sm break-words">
                        {t("import:draft.createOrganisation", { name: o.name, count: o.count })}
                      </label>
                      <select
                        id={id}
                        name={`createOrganisation.${o.name}`}
                        defaultValue={draft.mapping.createOrganisations[normalise(o.name)] ?? ""}
                        className={select}
                      >
                        <option value="">{t("import:draft.doNotCreate")}</option>
                        {ORGANISATION_TYPES.map((type) => (
                          <option key={type} value={type}>
                            {t(`enums:OrganisationType.${type}`)}
                          </option>
                        ))}
                      </select>
                    </li>
                  );
                })}
                {plan.unknownPilots.map((p) => {
                  const id = `pilot-${normalise(p.name)}`;
                  return (
                    <li key={id} className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,16rem)] sm:items-center">
                      <label htmlFor={id} className="text-sm break-words">
                        {t("import:draft.createPilot", { name: p.name, count: p.count })}
                      </label>
                      <select
                        id={id}
                        name={`createPilot.${p.name}`}
                        defaultValue={draft.mapping.createPilots[normalise(p.name)] ?? p.kind ?? ""}
                        className={select}
                      >
                        <option value="">{t("import:draft.doNotCreate")}</option>
                        {PILOT_KINDS.map((kind) => (
                          <option key={kind} value={kind}>
                            {t(`enums:PilotKind.${kind}`)}
                          </option>
                        ))}
                      </select>
                    </li>
                  );
                })}
              </ul>
            </fieldset>
          )}

          <div className="mt-6 flex items-start gap-2">
            <input
              id="skipInvalid"
              name="skipInvalid"
              type="checkbox"
              defaultChecked={draft.mapping.skipInvalid}
              className="mt-1 h-4 w-4"
            />
            <label htmlFor="skipInvalid" className="text-sm">
              {t("import:draft.skipInvalid")}
            </label>
          </div>
          <div className="mt-4">
            <PendingButton variant="secondary" pendingText={t("import:upload.checking")}>
              {t("import:draft.check")}
            </PendingButton>
          </div>
        </StepForm>
      </section>

      <section aria-labelledby="preview-heading" className={`${box} mb-6`}>
        <h2 id="preview-heading" className="text-xl font-semibold">
          {t("import:draft.previewHeading")}
        </h2>
        <p className="mt-2" data-testid="import-summary">
          {t("import:draft.summary", {
            pc: n(s.participants.create),
            pu: n(s.participants.update),
            pn: n(s.participants.unchanged),
            ec: n(s.enrolments.create),
            eu: n(s.enrolments.update),
            ac: n(s.activities.create),
            au: n(s.activities.update),
            oc: n(s.outcomes.create),
            ou: n(s.outcomes.update),
            orgs: n(s.organisations),
            pilots: n(s.pilots),
          })}
        </p>
        <p
          className={`mt-2 font-medium ${plan.issues.length ? "text-red-800" : "text-emerald-800"}`}
          data-testid="import-problems"
        >
          {plan.issues.length
            ? t("import:draft.problems", {
                count: plan.issues.length,
                rows: t("import:draft.rowCount", { count: s.rowsWithErrors, formatted: n(s.rowsWithErrors) }),
              })
            : t("import:draft.noProblems")}
        </p>
        {s.duplicates > 0 && (
          <p className="mt-1 text-sm text-slate-700">{t("import:draft.duplicates", { count: s.duplicates })}</p>
        )}
        {s.rowsSkipped > 0 && draft.mapping.skipInvalid && (
          <p className="mt-1 text-sm text-slate-700">{t("import:draft.skipped", { count: s.rowsSkipped })}</p>
        )}

        <h3 id="rows" className="mt-6 mb-2 text-lg font-semibold">
          {t("import:draft.rowsHeading")}
        </h3>
        <p className="mb-3 text-sm">
          <Link className="text-brand-700 underline" href={`${here}${onlyErrors ? "" : "?rows=errors"}#rows`}>
            {onlyErrors ? t("import:draft.allRows") : t("import:draft.onlyErrors")}
          </Link>
        </p>
        <DataTable
          caption={t("import:draft.rowsHeading")}
          columns={[
            t("import:draft.rowNumber"),
            t("import:draft.participant"),
            t("import:draft.outcome"),
            t("import:draft.problems"),
          ]}
          empty={t("import:draft.noProblems")}
          rows={pageRows.map((r) => ({
            key: String(r.row),
            cells: [
              n(r.row),
              r.participant || "—",
              <Badge key="a" tone={actionTone[r.action]}>
                {t(`import:draft.action.${r.action}`)}
              </Badge>,
              issuesByRow.has(r.row) ? (
                <ul key="i" className="list-disc space-y-1 pl-4 text-red-800">
                  {issuesByRow.get(r.row)!.map((i, k) => (
                    <li key={k}>{issueText(i)}</li>
                  ))}
                </ul>
              ) : (
                ""
              ),
            ],
          }))}
        />
        <Pagination
          page={page}
          pages={pages}
          href={hrefFor}
          labels={{
            nav: t("participants:list.pages"),
            previous: t("participants:list.previous"),
            next: t("participants:list.next"),
            status: t("participants:list.pageOf", { page, pages }),
          }}
        />
      </section>

      <section aria-labelledby="import-heading" className={`${box} mb-6`}>
        <h2 id="import-heading" className="text-xl font-semibold">
          {t("import:draft.importHeading")}
        </h2>
        <p className="mt-1 mb-3 text-sm text-slate-700">{t("import:draft.importIntro")}</p>
        {!plan.importable && (
          <p className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {plan.issues.length && !draft.mapping.skipInvalid
              ? t("import:draft.cannotImport")
              : t("import:draft.nothingToImport")}
          </p>
        )}
        <div className="flex flex-wrap items-start gap-4">
          <StepForm action={runImportAction.bind(null, locale, ctx.tenantSlug, draft.id)}>
            <PendingButton disabled={!plan.importable} pendingText={t("import:draft.importing")}>
              {t("import:draft.import", { count: importCount })}
            </PendingButton>
          </StepForm>
          <StepForm action={discardImportAction.bind(null, locale, ctx.tenantSlug, draft.id)}>
            <PendingButton variant="secondary" pendingText={t("import:draft.discard")}>
              {t("import:draft.discard")}
            </PendingButton>
          </StepForm>
        </div>
        <p className="mt-3 text-xs text-slate-600">{t("import:draft.expires")}</p>
      </section>
    </>
  );
}
