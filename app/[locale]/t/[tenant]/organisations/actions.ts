"use server";

import { redirect } from "next/navigation";
import { parseForm, recordId, runTenantAction } from "@/lib/actions/run-action";
import type { ActionState } from "@/lib/actions/state";
import { isLocale } from "@/lib/i18n/settings";
import { organisationSchema } from "@/lib/organisations/schemas";
import { createOrganisation, updateOrganisation } from "@/lib/organisations/organisations";

export async function createOrganisationAction(
  locale: string,
  tenant: string,
  _: ActionState,
  form: FormData,
): Promise<ActionState> {
  let created = false;
  const state = await runTenantAction(tenant, "organisation.manage", async (ctx) => {
    await createOrganisation({ ctx, data: parseForm(organisationSchema, form) });
    created = true;
  });
  if (created) redirect(`/${isLocale(locale) ? locale : "en"}/t/${tenant}/organisations?saved=1`);
  return state;
}

export async function updateOrganisationAction(tenant: string, organisationId: string, _: ActionState, form: FormData) {
  return runTenantAction(tenant, "organisation.manage", async (ctx) => {
    await updateOrganisation({
      ctx,
      organisationId: recordId(organisationId),
      data: parseForm(organisationSchema, form),
    });
    return { message: "organisations:saved" };
  });
}
