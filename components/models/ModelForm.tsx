"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ActionForm } from "@/components/forms/ActionForm";
import { Checkbox, FieldGroupError, SelectField, SubmitButton, TextArea, TextField } from "@/components/forms/fields";
import type { ActionState } from "@/lib/actions/state";

export type ModelFormValues = {
  title: string;
  summary: string | null;
  slug: string;
  goal: string;
  targetGroups: string[];
  partnerRoles: { organisationType: string; role: string }[];
  pilots: { kind: string; name: string; goal: string | null; targetSharePercent: number | null }[];
  workingMethods: string | null;
};

type Options = { targetGroups: string[]; organisationTypes: string[]; pilotKinds: string[] };

/** Rows that can be added and removed; each keeps a stable key so what was typed stays with its row. */
function useRows<T>(initial: T[], blank: () => T) {
  const next = useRef(initial.length);
  const [rows, setRows] = useState(() => initial.map((value, key) => ({ key, value })));
  const [focusKey, setFocusKey] = useState<number | null>(null);
  return {
    rows,
    focusKey,
    add: () => {
      const key = next.current++;
      setRows((r) => [...r, { key, value: blank() }]);
      setFocusKey(key);
    },
    remove: (key: number) => setRows((r) => r.filter((row) => row.key !== key)),
  };
}

function FocusOnMount({ active, containerId }: { active: boolean; containerId: string }) {
  useEffect(() => {
    if (active) document.getElementById(containerId)?.querySelector<HTMLElement>("select, input, textarea")?.focus();
  }, [active, containerId]);
  return null;
}

/** The model's text: what it is for, for whom, who does what, its pilots and its working methods. */
export function ModelForm({
  action,
  values,
  options,
  submitLabel,
  addressPrefix,
}: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  values: ModelFormValues;
  options: Options;
  submitLabel: string;
  /** The public address before the slug, e.g. "https://samspill.example/nb/models/". */
  addressPrefix: string;
}) {
  const { t } = useTranslation(["models", "enums"]);
  const roles = useRows(values.partnerRoles, () => ({ organisationType: "", role: "" }));
  const pilots = useRows(values.pilots, () => ({
    kind: "",
    name: "",
    goal: null as string | null,
    targetSharePercent: null as number | null,
  }));
  const uid = useId();
  // A floated legend sits inside the box like a heading, instead of cutting through its border.
  const fieldset = "rounded-xl border border-slate-200 bg-white p-5 shadow-sm";
  const legend = "float-left mb-3 w-full text-lg font-semibold text-slate-900";
  const body = "clear-both space-y-3";
  const secondaryButton =
    "rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50";
  const wrapper = useRef<HTMLDivElement>(null);
  // The form is long and its answer shows at the top: take the reader there, as an error does.
  const showAnswer = () => wrapper.current?.querySelector<HTMLElement>("[data-form-message]")?.focus();
  return (
    <div ref={wrapper}>
      <ActionForm action={action} label={t("form.label")} onSuccess={showAnswer}>
        <div className="space-y-6">
          <fieldset className={fieldset}>
            <legend className={legend}>{t("form.about")}</legend>
            <div className={`${body} grid gap-4 sm:grid-cols-2`}>
              <div className="sm:col-span-2">
                <TextField name="title" label={t("form.title")} defaultValue={values.title} maxLength={160} required />
              </div>
              <TextField
                name="slug"
                label={t("form.slug")}
                hint={t("form.slugHint", { prefix: addressPrefix })}
                defaultValue={values.slug}
                maxLength={63}
                required
              />
              <div className="sm:col-span-2">
                <TextArea
                  name="summary"
                  label={t("form.summary")}
                  hint={t("form.summaryHint")}
                  defaultValue={values.summary}
                  maxLength={500}
                />
              </div>
              <div className="sm:col-span-2">
                <TextArea
                  name="goal"
                  label={t("form.goal")}
                  hint={t("form.goalHint")}
                  defaultValue={values.goal}
                  maxLength={2000}
                  rows={3}
                />
              </div>
            </div>
          </fieldset>

          <fieldset className={fieldset}>
            <legend className={legend}>{t("form.targetGroups")}</legend>
            <div className="clear-both grid gap-2 sm:grid-cols-2">
              {options.targetGroups.map((g) => (
                <Checkbox
                  key={g}
                  name="targetGroups"
                  value={g}
                  label={t(`enums:TargetGroup.${g}`)}
                  defaultChecked={values.targetGroups.includes(g)}
                />
              ))}
            </div>
            <FieldGroupError name="targetGroups" />
          </fieldset>

          <fieldset className={fieldset}>
            <legend className={legend}>{t("form.partnerRoles")}</legend>
            <div className={body}>
              <p className="text-sm text-slate-600">{t("form.partnerRolesHint")}</p>
              <ol className="space-y-3">
                {roles.rows.map((row, index) => {
                  const containerId = `${uid}-role-${row.key}`;
                  return (
                    <li
                      key={row.key}
                      id={containerId}
                      className="rounded-lg border border-slate-200 bg-slate-50 p-3"
                      data-testid="partner-role-row"
                    >
                      <FocusOnMount active={roles.focusKey === row.key} containerId={containerId} />
                      <fieldset>
                        <legend className="mb-2 text-sm font-semibold text-slate-700">
                          {t("form.partnerRoleN", { n: index + 1 })}
                        </legend>
                        <div className="grid gap-3 sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)_auto] sm:items-start">
                          <SelectField
                            name={`partnerRoles.${index}.organisationType`}
                            label={t("form.organisationType")}
                            options={options.organisationTypes.map((v) => ({
                              value: v,
                              label: t(`enums:OrganisationType.${v}`),
                            }))}
                            defaultValue={row.value.organisationType}
                            placeholder={t("form.choose")}
                          />
                          <TextArea
                            name={`partnerRoles.${index}.role`}
                            label={t("form.role")}
                            defaultValue={row.value.role}
                            maxLength={500}
                          />
                          <button
                            type="button"
                            onClick={() => roles.remove(row.key)}
                            className={`${secondaryButton} sm:mt-6`}
                          >
                            {t("form.remove")}
                            <span className="sr-only"> {t("form.partnerRoleN", { n: index + 1 })}</span>
                          </button>
                        </div>
                      </fieldset>
                    </li>
                  );
                })}
              </ol>
              <FieldGroupError name="partnerRoles" />
              <button type="button" onClick={roles.add} className={secondaryButton}>
                + {t("form.addPartnerRole")}
              </button>
            </div>
          </fieldset>

          <fieldset className={fieldset}>
            <legend className={legend}>{t("form.pilots")}</legend>
            <div className={body}>
              <p className="text-sm text-slate-600">{t("form.pilotsHint")}</p>
              <ol className="space-y-3">
                {pilots.rows.map((row, index) => {
                  const containerId = `${uid}-pilot-${row.key}`;
                  return (
                    <li
                      key={row.key}
                      id={containerId}
                      className="rounded-lg border border-slate-200 bg-slate-50 p-3"
                      data-testid="pilot-row"
                    >
                      <FocusOnMount active={pilots.focusKey === row.key} containerId={containerId} />
                      <fieldset>
                        <legend className="mb-2 text-sm font-semibold text-slate-700">
                          {t("form.pilotN", { n: index + 1 })}
                        </legend>
                        <div className="grid gap-3 sm:grid-cols-2">
                          <SelectField
                            name={`pilots.${index}.kind`}
                            label={t("form.pilotKind")}
                            options={options.pilotKinds.map((v) => ({ value: v, label: t(`enums:PilotKind.${v}`) }))}
                            defaultValue={row.value.kind}
                            placeholder={t("form.choose")}
                          />
                          <TextField
                            name={`pilots.${index}.name`}
                            label={t("form.pilotName")}
                            defaultValue={row.value.name}
                            maxLength={200}
                          />
                          <TextField
                            name={`pilots.${index}.goal`}
                            label={t("form.pilotGoal")}
                            defaultValue={row.value.goal}
                            maxLength={500}
                          />
                          <TextField
                            name={`pilots.${index}.targetSharePercent`}
                            label={t("form.pilotTarget")}
                            hint={t("form.pilotTargetHint")}
                            inputMode="numeric"
                            defaultValue={row.value.targetSharePercent}
                            maxLength={3}
                          />
                        </div>
                        <button
                          type="button"
                          onClick={() => pilots.remove(row.key)}
                          className={`${secondaryButton} mt-3`}
                        >
                          {t("form.remove")}
                          <span className="sr-only"> {t("form.pilotN", { n: index + 1 })}</span>
                        </button>
                      </fieldset>
                    </li>
                  );
                })}
              </ol>
              <FieldGroupError name="pilots" />
              <button type="button" onClick={pilots.add} className={secondaryButton}>
                + {t("form.addPilot")}
              </button>
            </div>
          </fieldset>

          <fieldset className={fieldset}>
            <legend className={legend}>{t("form.workingMethods")}</legend>
            <div className={body}>
              <TextArea
                name="workingMethods"
                label={t("form.workingMethodsLabel")}
                hint={t("form.workingMethodsHint")}
                defaultValue={values.workingMethods}
                maxLength={5000}
                rows={6}
              />
            </div>
          </fieldset>

          <p className="text-sm text-slate-600">{t("form.privacy")}</p>
          <SubmitButton>{submitLabel}</SubmitButton>
        </div>
      </ActionForm>
    </div>
  );
}
