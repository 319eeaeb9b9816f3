"use client";

import { Card } from "@/components/ui/Card";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ActionForm } from "@/components/forms/ActionForm";
import { Checkbox, FieldGroupError, SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import type { ActionState } from "@/lib/actions/state";
import { LanguagesField } from "./LanguagesField";

type Option = { value: string; label: string };

export function RegisterParticipantForm({
  action,
  targetGroups,
  genders,
  coordinators,
  organisations,
  today,
  currentUserId,
  nextCode,
  languages,
  legalBases,
  pilots,
}: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  targetGroups: Option[];
  genders: Option[];
  coordinators: Option[];
  /** The partners one can consent to share with (not the municipality itself). */
  organisations: Option[];
  /** Today's date (yyyy-mm-dd), from the server: the browser's clock could render another day. */
  today: string;
  currentUserId: string;
  /** The code a registration without one gets, e.g. IND-0025. */
  nextCode: string;
  /** The common languages, named in the page's language. */
  languages: Option[];
  /** The statutory bases of the tenant's country. */
  legalBases: Option[];
  /** The active pilots one can enrol in at once. */
  pilots: Option[];
}) {
  const { t } = useTranslation("participants");
  const [anonymous, setAnonymous] = useState(false);
  const [sharing, setSharing] = useState(false);
  return (
    <ActionForm action={action} className="space-y-8" label={t("register.title")}>
      <Card as="section" aria-labelledby="consent-heading">
        <h2 id="consent-heading" className="text-lg font-semibold">
          {t("register.consentTitle")}
        </h2>
        <p className="mt-1 mb-4 text-sm text-slate-700">{t("register.consentIntro")}</p>
        <div className="space-y-3">
          <Checkbox
            name="consentFollowUp"
            label={
              <>
                <strong>{t("consent.purposes.FOLLOW_UP")}</strong> — {t("consent.explain.FOLLOW_UP")}
              </>
            }
          />
          <Checkbox
            name="consentStatistics"
            label={
              <>
                <strong>{t("consent.purposes.STATISTICS")}</strong> — {t("consent.explain.STATISTICS")}
              </>
            }
          />
          <div>
            <input type="hidden" name="consentPartnerSharing" value={sharing ? "on" : ""} />
            <div className="flex items-start gap-2">
              <input
                id="consentPartnerSharingBox"
                type="checkbox"
                checked={sharing}
                onChange={(e) => setSharing(e.target.checked)}
                className="mt-1 size-4 accent-brand-700"
              />
              <label htmlFor="consentPartnerSharingBox" className="text-sm text-slate-800">
                <strong>{t("consent.purposes.PARTNER_SHARING")}</strong> — {t("consent.explain.PARTNER_SHARING")}
              </label>
            </div>
            {sharing && (
              <fieldset className="mt-2 ml-6 grid gap-1 sm:grid-cols-2">
                <legend className="mb-1 text-sm font-medium text-slate-800">{t("register.sharingWith")}</legend>
                {organisations.map((o) => (
                  <Checkbox key={o.value} name="sharingOrganisationIds" value={o.value} label={o.label} />
                ))}
              </fieldset>
            )}
            <FieldGroupError name="sharingOrganisationIds" />
          </div>
          <div className="max-w-xs">
            <TextField name="consentDate" type="date" label={t("fields.consentDate")} defaultValue={today} required />
          </div>
        </div>
        {!anonymous && (
          <div className="mt-6 border-t border-slate-200 pt-4">
            <h3 className="text-base font-semibold">{t("register.legalBasisTitle")}</h3>
            <p className="mt-1 mb-3 text-sm text-slate-700">{t("register.legalBasisIntro")}</p>
            <div className="grid gap-4 sm:grid-cols-2">
              <SelectField
                name="legalBasis"
                label={t("fields.legalBasis")}
                options={legalBases}
                placeholder={t("register.noLegalBasis")}
              />
              <TextField
                name="legalBasisNote"
                label={t("fields.legalBasisNote")}
                hint={t("register.legalBasisNoteHint")}
                maxLength={200}
              />
            </div>
          </div>
        )}
      </Card>

      <Card as="section" aria-labelledby="person-heading">
        <h2 id="person-heading" className="text-lg font-semibold">
          {t("register.personTitle")}
        </h2>
        <p className="mt-1 mb-4 text-sm text-slate-700">{t("register.minimise")}</p>
        <div className="mb-4 flex items-start gap-2">
          <input
            id="anonymous"
            name="anonymous"
            type="checkbox"
            checked={anonymous}
            onChange={(e) => setAnonymous(e.target.checked)}
            className="mt-1 size-4 accent-brand-700"
          />
          <label htmlFor="anonymous" className="text-sm text-slate-800">
            <strong>{t("register.anonymous")}</strong> — {t("register.anonymousExplain")}
          </label>
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            name="targetGroup"
            label={t("fields.targetGroup")}
            options={targetGroups}
            placeholder={t("register.choose")}
            required
          />
          <TextField
            name="code"
            label={t("fields.code")}
            hint={t("register.codeHint", { code: nextCode })}
            maxLength={12}
          />
          {!anonymous && (
            <>
              <TextField name="name" label={t("fields.nameOptional")} hint={t("register.nameHint")} maxLength={120} />
              <TextField name="birthYear" label={t("fields.birthYear")} inputMode="numeric" maxLength={4} />
              <SelectField
                name="gender"
                label={t("fields.gender")}
                options={genders}
                placeholder={t("register.notRecorded")}
              />
              <TextField
                name="arrivalYear"
                label={t("fields.arrivalYear")}
                hint={t("register.arrivalHint")}
                inputMode="numeric"
                maxLength={4}
              />
              <LanguagesField
                label={t("fields.languages")}
                otherLabel={t("register.otherLanguages")}
                otherHint={t("register.languagesHint")}
                options={languages}
              />
            </>
          )}
          <SelectField
            name="coordinatorId"
            label={t("fields.coordinator")}
            options={coordinators}
            defaultValue={currentUserId}
          />
          {/* An anonymous registration is never followed up, so it is not enrolled either. */}
          {pilots.length > 0 && !anonymous && (
            <SelectField
              name="enrolIn"
              label={t("register.enrolIn")}
              hint={t("register.enrolInHint")}
              options={pilots}
              placeholder={t("register.noEnrolment")}
              defaultValue={pilots.length === 1 ? pilots[0]?.value : ""}
            />
          )}
        </div>
      </Card>
      <SubmitButton>{t("register.submit")}</SubmitButton>
    </ActionForm>
  );
}
