"use client";

import { Card } from "@/components/ui/Card";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ActionForm } from "@/components/forms/ActionForm";
import { SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import { useFieldError } from "@/components/forms/ActionForm";
import type { ActionState } from "@/lib/actions/state";
import { suggestSlug, type Municipality } from "@/lib/onboarding/municipalities";

type Props = {
  locale: string;
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  municipalities: Record<"NO" | "SE", Municipality[]>;
  models: { slug: string; title: string }[];
};

function MunicipalityPicker({
  country,
  list,
  onPick,
}: {
  country: "NO" | "SE";
  list: Municipality[];
  onPick: (m: Municipality | undefined) => void;
}) {
  const { t } = useTranslation(["onboarding", "errors"]);
  const error = useFieldError("municipalityCode");
  return (
    <div>
      <label htmlFor="municipalityCode" className="block text-sm font-medium text-slate-800">
        {t("fields.municipality")}
      </label>
      <select
        id="municipalityCode"
        name="municipalityCode"
        defaultValue=""
        aria-invalid={!!error}
        aria-describedby={error ? "municipality-error" : undefined}
        onChange={(e) => onPick(list.find((m) => m.code === e.target.value))}
        className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm ${error ? "border-red-600" : "border-slate-400"}`}
      >
        <option value="">{t("choose")}</option>
        {list.map((m) => (
          <option key={m.code} value={m.code}>
            {m.name} ({m.code}, {m.county})
          </option>
        ))}
      </select>
      {error && (
        <p id="municipality-error" className="mt-1 text-sm font-medium text-red-700">
          {t(`errors:${error}`)}
        </p>
      )}
      <p className="mt-1 text-xs text-slate-600">{t(country === "NO" ? "sourceNo" : "sourceSe")}</p>
    </div>
  );
}

export function OnboardingForm({ locale, action, municipalities, models }: Props) {
  const { t } = useTranslation("onboarding");
  const [country, setCountry] = useState<"NO" | "SE">(locale === "sv" ? "SE" : "NO");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const list = useMemo(() => municipalities[country], [municipalities, country]);

  return (
    <ActionForm action={action} className="space-y-6" label={t("title")} successMessage={false}>
      <input type="hidden" name="locale" value={locale} />
      <Card as="section" aria-labelledby="municipality-heading">
        <h2 id="municipality-heading" className="mb-4 text-lg font-semibold">
          {t("municipalityTitle")}
        </h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="country" className="block text-sm font-medium text-slate-800">
              {t("fields.country")}
            </label>
            <select
              id="country"
              name="country"
              value={country}
              onChange={(e) => setCountry(e.target.value as "NO" | "SE")}
              className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm"
            >
              <option value="NO">{t("countries.NO")}</option>
              <option value="SE">{t("countries.SE")}</option>
            </select>
          </div>
          <MunicipalityPicker
            key={country}
            country={country}
            list={list}
            onPick={(m) => {
              if (!slugEdited) setSlug(m ? suggestSlug(m.name) : "");
            }}
          />
          <div>
            <label htmlFor="slug" className="block text-sm font-medium text-slate-800">
              {t("fields.slug")}
            </label>
            <p id="slug-hint" className="text-xs text-slate-600">
              {t("slugHint", { slug: slug || "verdal" })}
            </p>
            <input
              id="slug"
              name="slug"
              value={slug}
              onChange={(e) => {
                setSlug(e.target.value);
                setSlugEdited(true);
              }}
              maxLength={40}
              aria-describedby="slug-hint slug-error"
              aria-invalid={!!useSlugError()}
              className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm"
            />
            <SlugError />
          </div>
          <SelectField
            name="defaultLocale"
            label={t("fields.defaultLocale")}
            defaultValue={locale === "en" ? (country === "SE" ? "sv" : "nb") : locale}
            options={[
              { value: "nb", label: "Norsk bokmål" },
              { value: "sv", label: "Svenska" },
              { value: "en", label: "English" },
            ]}
          />
          {models.length > 0 && (
            <div className="sm:col-span-2">
              <SelectField
                name="modelSlug"
                label={t("fields.model")}
                hint={t("modelHint")}
                placeholder={t("noModel")}
                options={models.map((m) => ({ value: m.slug, label: m.title }))}
              />
            </div>
          )}
        </div>
      </Card>
      <Card as="section" aria-labelledby="admin-heading">
        <h2 id="admin-heading" className="mb-4 text-lg font-semibold">
          {t("adminTitle")}
        </h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField name="adminName" label={t("fields.adminName")} autoComplete="name" maxLength={120} />
          <TextField
            name="adminEmail"
            type="email"
            label={t("fields.adminEmail")}
            autoComplete="email"
            maxLength={254}
          />
          <TextField
            name="password"
            type="password"
            label={t("fields.password")}
            hint={t("passwordHint")}
            autoComplete="new-password"
            maxLength={200}
          />
        </div>
        {/* Honeypot: hidden from people and assistive technology; bots fill it in. */}
        <div aria-hidden="true" className="absolute -left-[10000px] h-px w-px overflow-hidden">
          <label htmlFor="website">Website</label>
          <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
      </Card>
      <SubmitButton>{t("submit")}</SubmitButton>
    </ActionForm>
  );
}

function useSlugError() {
  return useFieldError("slug");
}

function SlugError() {
  const { t } = useTranslation("errors");
  const error = useSlugError();
  return error ? (
    <p id="slug-error" className="mt-1 text-sm font-medium text-red-700">
      {t(error)}
    </p>
  ) : null;
}
