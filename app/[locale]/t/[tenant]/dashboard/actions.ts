"use server";

import { parseForm, runTenantAction } from "@/lib/actions/run-action";
import type { ActionState } from "@/lib/actions/state";
import { publishReleaseNow } from "@/lib/releases/publish-release";
import { setReleaseSchedule } from "@/lib/releases/set-release-schedule";
import { releaseScheduleSchema } from "@/lib/releases/schemas";

/** "Publish now": a release of the figures as they are (administrators). */
export async function publishReleaseAction(tenant: string, _: ActionState, _form: FormData): Promise<ActionState> {
  return runTenantAction(tenant, "release.publish", async (ctx) => {
    await publishReleaseNow(ctx);
    return { message: "dashboard:release.published" };
  });
}

/** Monthly or quarterly releases (administrators). */
export async function setReleaseScheduleAction(tenant: string, _: ActionState, form: FormData): Promise<ActionState> {
  return runTenantAction(tenant, "release.publish", async (ctx) => {
    await setReleaseSchedule({ ctx, ...parseForm(releaseScheduleSchema, form) });
    return { message: "dashboard:release.scheduleSaved" };
  });
}
