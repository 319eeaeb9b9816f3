"use server";

import { redirect } from "next/navigation";
import { parseForm, recordId, runTenantAction } from "@/lib/actions/run-action";
import type { ActionState } from "@/lib/actions/state";
import { isLocale } from "@/lib/i18n/settings";
import { pilotSchema } from "@/lib/pilots/schemas";
import { createPilot, updatePilot } from "@/lib/pilots/pilots";

export async function createPilotAction(
  locale: string,
  tenant: string,
  _: ActionState,
  form: FormData,
): Promise<ActionState> {
  let createdId: string | undefined;
  const state = await runTenantAction(tenant, "pilot.manage", async (ctx) => {
    createdId = (await createPilot({ ctx, data: parseForm(pilotSchema, form) })).id;
  });
  if (createdId) redirect(`/${isLocale(locale) ? locale : "en"}/t/${tenant}/pilots/${createdId}`);
  return state;
}

export async function updatePilotAction(
  locale: string,
  tenant: string,
  pilotId: string,
  _: ActionState,
  form: FormData,
): Promise<ActionState> {
  let saved = false;
  const state = await runTenantAction(tenant, "pilot.manage", async (ctx) => {
    await updatePilot({ ctx, pilotId: recordId(pilotId), data: parseForm(pilotSchema, form) });
    saved = true;
  });
  if (saved) redirect(`/${isLocale(locale) ? locale : "en"}/t/${tenant}/pilots/${pilotId}`);
  return state;
}
