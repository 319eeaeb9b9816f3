"use server";

import { actionLocale, parseForm, recordId, runTenantAction } from "@/lib/actions/run-action";
import type { ActionState } from "@/lib/actions/state";
import { organisationSchema } from "@/lib/organisations/schemas";
import { createOrganisation, updateOrganisation } from "@/lib/organisations/organisations";

export async function createOrganisationAction(
  locale: string,
  tenant: string,
  _: ActionState,
  form: FormData,
): Promise<ActionState> {
  return runTenantAction(tenant, "organisation.manage", async (ctx) => {
    await createOrganisation({ ctx, data: parseForm(organisationSchema, form) });
    return { redirectTo: `/${actionLocale(locale)}/t/${tenant}/organisations?saved=1` };
  });
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
