"use client";

import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ActionForm } from "@/components/forms/ActionForm";
import { CopyButton } from "@/components/ui/CopyButton";
import { SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import type { ActionState } from "@/lib/actions/state";
import {
  changeRoleAction,
  inviteAction,
  removeMemberAction,
  revokeInvitationAction,
} from "@/app/[locale]/t/[tenant]/members/actions";

type Option = { value: string; label: string };

/** Invite by e-mail; without a mail server the link is shown here, to pass on. */
export function InviteForm({
  locale,
  tenant,
  roles,
  organisations,
}: {
  locale: string;
  tenant: string;
  roles: Option[];
  organisations: Option[];
}) {
  const { t } = useTranslation("members");
  const [role, setRole] = useState("COORDINATOR");
  const [link, setLink] = useState<{ url: string; mailed: boolean } | null>(null);
  const action = async (state: ActionState, form: FormData) => {
    const result = await inviteAction(locale, tenant, state, form);
    const url = result.status === "ok" ? result.data?.link : undefined;
    setLink(url ? { url, mailed: result.data?.mailed === "1" } : null);
    return result;
  };
  return (
    <div className="space-y-3">
      {/* Uncontrolled, so a reset after sending puts the role back to its default in the form and in `role` alike. */}
      <ActionForm
        action={action}
        resetOnSuccess
        onSuccess={() => setRole("COORDINATOR")}
        className="space-y-3"
        label={t("inviteTitle")}
      >
        <div className="grid items-start gap-3 sm:grid-cols-4">
          <TextField name="email" type="email" label={t("fields.email")} maxLength={254} />
          <div>
            <label htmlFor="invite-role" className="block text-sm font-medium text-slate-800">
              {t("fields.role")}
            </label>
            <select
              id="invite-role"
              name="role"
              defaultValue="COORDINATOR"
              onChange={(e) => setRole(e.target.value)}
              aria-describedby="invite-role-help"
              className="mt-1 block min-h-11 w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base"
            >
              {roles.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
            <p id="invite-role-help" className="mt-1 text-xs text-slate-700" aria-live="polite">
              {t(`roleHelp.${role}`)}
            </p>
          </div>
          {role === "PARTNER_VIEWER" ? (
            <SelectField
              name="organisationId"
              label={t("fields.organisation")}
              options={organisations}
              placeholder={t("choose")}
            />
          ) : (
            <div />
          )}
          <div className="sm:pt-6">
            <SubmitButton>{t("invite")}</SubmitButton>
          </div>
        </div>
      </ActionForm>
      {link && (
        <div className="rounded-md border border-sky-300 bg-sky-50 p-3 text-sm">
          <label htmlFor="invitation-link" className="font-medium text-sky-900">
            {t(link.mailed ? "linkLabelMailed" : "linkLabel")}
          </label>
          <div className="mt-1 flex flex-wrap items-center gap-2">
            <input
              id="invitation-link"
              readOnly
              value={link.url}
              onFocus={(e) => e.currentTarget.select()}
              className="block min-h-11 min-w-0 flex-1 rounded border border-sky-300 bg-white px-2 py-1 font-mono text-base"
              data-testid="invitation-link"
            />
            <CopyButton text={link.url} label={t("copy")} copiedLabel={t("copied")} failedLabel={t("copyFailed")} />
          </div>
        </div>
      )}
    </div>
  );
}

export function RoleForm({
  tenant,
  membershipId,
  role,
  organisationId,
  roles,
  organisations,
  name,
  ownAdmin = false,
}: {
  tenant: string;
  membershipId: string;
  role: string;
  organisationId: string | null;
  roles: Option[];
  organisations: Option[];
  name: string;
  /** The administrator's own membership: giving it up takes a ticked confirmation (checked on the server too). */
  ownAdmin?: boolean;
}) {
  const { t } = useTranslation("members");
  const [value, setValue] = useState(role);
  const losingAdmin = ownAdmin && value !== "TENANT_ADMIN";
  return (
    <ActionForm
      action={changeRoleAction.bind(null, tenant)}
      className="flex flex-wrap items-end gap-2"
      label={t("changeRoleFor", { name })}
    >
      <input type="hidden" name="membershipId" value={membershipId} />
      <div>
        <label htmlFor={`role-${membershipId}`} className="sr-only">
          {t("changeRoleFor", { name })}
        </label>
        <select
          id={`role-${membershipId}`}
          name="role"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          className="min-h-11 rounded-md border border-slate-400 bg-white px-2 py-1 text-base"
        >
          {roles.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </div>
      {value === "PARTNER_VIEWER" && (
        <div>
          <label htmlFor={`org-${membershipId}`} className="sr-only">
            {t("fields.organisation")}
          </label>
          <select
            id={`org-${membershipId}`}
            name="organisationId"
            defaultValue={organisationId ?? ""}
            className="min-h-11 rounded-md border border-slate-400 bg-white px-2 py-1 text-base"
          >
            <option value="">{t("choose")}</option>
            {organisations.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {losingAdmin && <OwnAdminConfirmation id={`confirm-role-${membershipId}`} />}
      <button type="submit" className="min-h-11 rounded border border-slate-400 px-3 py-1 text-sm hover:bg-slate-50">
        {t("save")}
        <span className="sr-only"> {name}</span>
      </button>
    </ActionForm>
  );
}

/** "I understand I will lose admin access": required here, and refused on the server when not ticked. */
function OwnAdminConfirmation({ id }: { id: string }) {
  const { t } = useTranslation("members");
  return (
    <div className="basis-full rounded-md border border-amber-300 bg-amber-50 p-2 text-sm">
      <p className="text-amber-900">{t("ownAdminWarning")}</p>
      <div className="flex min-h-11 items-center gap-2">
        <input id={id} name="confirmSelf" type="checkbox" required className="size-5 accent-brand-700" />
        <label htmlFor={id} className="font-medium">
          {t("confirmOwnAdmin")}
        </label>
      </div>
    </div>
  );
}

export function RemoveForm({
  tenant,
  membershipId,
  name,
  ownAdmin = false,
}: {
  tenant: string;
  membershipId: string;
  name: string;
  ownAdmin?: boolean;
}) {
  const { t } = useTranslation("members");
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button
        type="button"
        onClick={() => setConfirming(true)}
        className="min-h-11 rounded border border-red-300 px-3 py-1 text-sm text-red-800 hover:bg-red-50"
      >
        {t("remove")}
        <span className="sr-only"> {name}</span>
      </button>
    );
  }
  return (
    <ActionForm
      action={removeMemberAction.bind(null, tenant)}
      className="flex flex-wrap items-center gap-2"
      label={t("removeConfirm", { name })}
    >
      <input type="hidden" name="membershipId" value={membershipId} />
      <span className="text-sm">{t("removeConfirm", { name })}</span>
      {ownAdmin && <OwnAdminConfirmation id={`confirm-remove-${membershipId}`} />}
      <button type="submit" className="min-h-11 rounded bg-red-700 px-3 py-1 text-sm font-semibold text-white">
        {t("removeYes")}
      </button>
      <button
        type="button"
        onClick={() => setConfirming(false)}
        className="min-h-11 rounded border border-slate-400 px-3 py-1 text-sm"
      >
        {t("cancel")}
      </button>
    </ActionForm>
  );
}

export function RevokeForm({ tenant, invitationId, email }: { tenant: string; invitationId: string; email: string }) {
  const { t } = useTranslation("members");
  return (
    <ActionForm action={revokeInvitationAction.bind(null, tenant)} successMessage={false} label={t("revoke")}>
      <input type="hidden" name="invitationId" value={invitationId} />
      <button type="submit" className="min-h-11 rounded border border-slate-400 px-3 py-1 text-sm hover:bg-slate-50">
        {t("revoke")}
        <span className="sr-only"> {email}</span>
      </button>
    </ActionForm>
  );
}
