"use server";

import { parseForm, recordId, runTenantAction } from "@/lib/actions/run-action";
import type { ActionState } from "@/lib/actions/state";
import { endProgrammeSchema } from "@/lib/enrolments/schemas";
import { endProgramme } from "@/lib/enrolments/end-programme";

// Thin: the exit, the status at exit and the activities to close arrive in one form and go in one transaction.
export async function endProgrammeAction(
  tenant: string,
  participantId: string,
  enrolmentId: string,
  _: ActionState,
  form: FormData,
) {
  return runTenantAction(tenant, "participant.manage", async (ctx) => {
    await endProgramme({
      ctx,
      participantId: recordId(participantId),
      enrolmentId: recordId(enrolmentId),
      data: parseForm(endProgrammeSchema, form),
    });
    return { message: "participants:endProgramme.done" };
  });
}
