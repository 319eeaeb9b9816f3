"use server";

import { actionLocale, formText, parseForm, recordId, runTenantAction } from "@/lib/actions/run-action";
import type { ActionState } from "@/lib/actions/state";
import {
  registerParticipantSchema,
  updateParticipantSchema,
  recordConsentSchema,
  withdrawConsentSchema,
} from "@/lib/participants/schemas";
import { registerParticipant } from "@/lib/participants/register-participant";
import { updateParticipant } from "@/lib/participants/update-participant";
import { recordConsent } from "@/lib/participants/record-consent";
import { withdrawConsent } from "@/lib/participants/withdraw-consent";
import { addActivitySchema, updateActivitySchema, endActivitySchema } from "@/lib/pathways/schemas";
import { addActivity } from "@/lib/pathways/add-activity";
import { updateActivity } from "@/lib/pathways/update-activity";
import { endActivity } from "@/lib/pathways/end-activity";
import { enrolSchema, exitEnrolmentSchema, endProgrammeSchema } from "@/lib/enrolments/schemas";
import { enrolParticipant } from "@/lib/enrolments/enrol-participant";
import { exitEnrolment } from "@/lib/enrolments/exit-enrolment";
import { endProgramme } from "@/lib/enrolments/end-programme";
import { recordOutcomeSchema } from "@/lib/outcomes/schemas";
import { recordOutcome } from "@/lib/outcomes/record-outcome";
import { applyRetention, eraseParticipant } from "@/lib/participants/gdpr";

// Thin: parse the form with the domain's schema, call the use case, answer with translation keys.

export async function registerParticipantAction(
  locale: string,
  tenant: string,
  _: ActionState,
  form: FormData,
): Promise<ActionState> {
  return runTenantAction(tenant, "participant.manage", async (ctx) => {
    const participant = await registerParticipant({ ctx, data: parseForm(registerParticipantSchema, form) });
    return { redirectTo: `/${actionLocale(locale)}/t/${tenant}/participants/${participant.id}?registered=1` };
  });
}

export async function updateParticipantAction(tenant: string, participantId: string, _: ActionState, form: FormData) {
  return runTenantAction(tenant, "participant.manage", async (ctx) => {
    await updateParticipant({
      ctx,
      participantId: recordId(participantId),
      data: parseForm(updateParticipantSchema, form),
    });
    return { message: "participants:details.saved" };
  });
}

export async function recordConsentAction(tenant: string, participantId: string, _: ActionState, form: FormData) {
  return runTenantAction(tenant, "participant.manage", async (ctx) => {
    await recordConsent({ ctx, participantId: recordId(participantId), data: parseForm(recordConsentSchema, form) });
    return { message: "participants:consent.recorded" };
  });
}

export async function withdrawConsentAction(tenant: string, participantId: string, _: ActionState, form: FormData) {
  return runTenantAction(tenant, "participant.manage", async (ctx) => {
    await withdrawConsent({
      ctx,
      participantId: recordId(participantId),
      data: parseForm(withdrawConsentSchema, form),
    });
    return { message: "participants:consent.withdrawn" };
  });
}

export async function addActivityAction(tenant: string, participantId: string, _: ActionState, form: FormData) {
  return runTenantAction(tenant, "participant.manage", async (ctx) => {
    const activity = await addActivity({
      ctx,
      participantId: recordId(participantId),
      data: parseForm(addActivitySchema, form),
    });
    return { message: "participants:timeline.added", data: { activityId: activity.id } };
  });
}

export async function updateActivityAction(
  tenant: string,
  participantId: string,
  activityId: string,
  _: ActionState,
  form: FormData,
) {
  return runTenantAction(tenant, "participant.manage", async (ctx) => {
    await updateActivity({
      ctx,
      participantId: recordId(participantId),
      activityId: recordId(activityId),
      data: parseForm(updateActivitySchema, form),
    });
    return { message: "participants:timeline.saved" };
  });
}

export async function endActivityAction(
  tenant: string,
  participantId: string,
  activityId: string,
  _: ActionState,
  form: FormData,
) {
  return runTenantAction(tenant, "participant.manage", async (ctx) => {
    await endActivity({
      ctx,
      participantId: recordId(participantId),
      activityId: recordId(activityId),
      data: parseForm(endActivitySchema, form),
    });
    return { message: "participants:timeline.ended" };
  });
}

export async function enrolAction(tenant: string, participantId: string, _: ActionState, form: FormData) {
  return runTenantAction(tenant, "participant.manage", async (ctx) => {
    const enrolment = await enrolParticipant({
      ctx,
      participantId: recordId(participantId),
      data: parseForm(enrolSchema, form),
    });
    return {
      message: "participants:enrolments.enrolledIn",
      data: { pilot: enrolment.pilotName, date: enrolment.startDate.toISOString().slice(0, 10) },
    };
  });
}

export async function exitEnrolmentAction(
  tenant: string,
  participantId: string,
  enrolmentId: string,
  _: ActionState,
  form: FormData,
) {
  return runTenantAction(tenant, "participant.manage", async (ctx) => {
    await exitEnrolment({
      ctx,
      participantId: recordId(participantId),
      enrolmentId: recordId(enrolmentId),
      data: parseForm(exitEnrolmentSchema, form),
    });
    return { message: "participants:enrolments.exited" };
  });
}

/** The exit, the status at exit and the activities to close arrive in one form and go in one transaction. */
export async function endProgrammeAction(
  tenant: string,
  participantId: string,
  enrolmentId: string,
  _: ActionState,
  form: FormData,
) {
  return runTenantAction(tenant, "participant.manage", async (ctx) => {
    const data = parseForm(endProgrammeSchema, form);
    await endProgramme({ ctx, participantId: recordId(participantId), enrolmentId: recordId(enrolmentId), data });
    return { message: "participants:endProgramme.done", data: { date: data.exitDate.toISOString().slice(0, 10) } };
  });
}

export async function recordOutcomeAction(tenant: string, participantId: string, _: ActionState, form: FormData) {
  return runTenantAction(tenant, "participant.manage", async (ctx) => {
    await recordOutcome({ ctx, participantId: recordId(participantId), data: parseForm(recordOutcomeSchema, form) });
    return { message: "participants:outcomes.recorded" };
  });
}

export async function eraseParticipantAction(
  locale: string,
  tenant: string,
  participantId: string,
  _: ActionState,
  form: FormData,
): Promise<ActionState> {
  return runTenantAction(tenant, "participant.erase", async (ctx) => {
    await eraseParticipant({
      ctx,
      participantId: recordId(participantId),
      confirmCode: formText(form, "confirmCode", 20),
    });
    return { redirectTo: `/${actionLocale(locale)}/t/${tenant}/participants?erased=1` };
  });
}

export async function applyRetentionAction(tenant: string, _: ActionState, __: FormData): Promise<ActionState> {
  return runTenantAction(tenant, "participant.erase", async (ctx) => {
    const count = await applyRetention(ctx);
    return { message: "participants:retention.done", data: { count: String(count) } };
  });
}
