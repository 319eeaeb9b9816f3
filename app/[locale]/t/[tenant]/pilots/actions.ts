"use server";

import { actionLocale, parseForm, recordId, runTenantAction } from "@/lib/actions/run-action";
import type { ActionState } from "@/lib/actions/state";
import { pilotSchema } from "@/lib/pilots/schemas";
import { createPilot } from "@/lib/pilots/create-pilot";
import { updatePilot } from "@/lib/pilots/update-pilot";

export async function createPilotAction(
  locale: string,
  tenant: string,
  _: ActionState,
  form: FormData,
): Promise<ActionState> {
  return runTenantAction(tenant, "pilot.manage", async (ctx) => {
    const { id } = await createPilot({ ctx, data: parseForm(pilotSchema, form) });
    return { redirectTo: `/${actionLocale(locale)}/t/${tenant}/pilots/${id}` };
  });
}

export async function updatePilotAction(
  locale: string,
  tenant: string,
  pilotId: string,
  _: ActionState,
  form: FormData,
): Promise<ActionState> {
  return runTenantAction(tenant, "pilot.manage", async (ctx) => {
    await updatePilot({ ctx, pilotId: recordId(pilotId), data: parseForm(pilotSchema, form) });
    return { redirectTo: `/${actionLocale(locale)}/t/${tenant}/pilots/${pilotId}` };
  });
}
