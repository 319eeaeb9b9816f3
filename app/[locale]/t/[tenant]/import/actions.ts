"use server";

import { redirect } from "next/navigation";
import { recordId, runTenantAction } from "@/lib/actions/run-action";
import { discardImportDraft, getImportDraft, mappingFromForm, runImport, saveImportMapping } from "@/lib/import/drafts";
import { formObject } from "@/lib/validation";
import { isLocale } from "@/lib/i18n/settings";
import type { ActionState } from "@/lib/actions/state";

/**
 * The import's steps as plain form posts (they work before JavaScript loads): each answers with a redirect to
 * the draft's page, which shows the new state, or with `?error=` and the reason.
 */
function back(locale: string, tenant: string, draftId: string, error?: string): never {
  const lang = isLocale(locale) ? locale : "nb";
  redirect(
    `/${lang}/t/${encodeURIComponent(tenant)}/import/${encodeURIComponent(draftId)}${error ? `?error=${encodeURIComponent(error)}` : ""}`,
  );
}

export async function saveImportMappingAction(
  locale: string,
  tenant: string,
  draftId: string,
  _state: ActionState,
  form: FormData,
): Promise<ActionState> {
  const state = await runTenantAction(tenant, "participant.manage", async (ctx) => {
    const id = recordId(draftId);
    const draft = await getImportDraft(ctx, id);
    await saveImportMapping({ ctx, draftId: id, mapping: mappingFromForm(formObject(form), draft.headers.length) });
  });
  return back(locale, tenant, draftId, state.status === "error" ? state.message : undefined);
}

export async function runImportAction(
  locale: string,
  tenant: string,
  draftId: string,
  _state: ActionState,
  _form: FormData,
): Promise<ActionState> {
  const state = await runTenantAction(tenant, "participant.manage", async (ctx) => {
    await runImport({ ctx, draftId: recordId(draftId) });
  });
  return back(locale, tenant, draftId, state.status === "error" ? state.message : undefined);
}

export async function discardImportAction(
  locale: string,
  tenant: string,
  draftId: string,
  _state: ActionState,
  _form: FormData,
): Promise<ActionState> {
  const state = await runTenantAction(tenant, "participant.manage", async (ctx) => {
    await discardImportDraft({ ctx, draftId: recordId(draftId) });
  });
  if (state.status === "error") back(locale, tenant, draftId, state.message);
  return redirect(`/${isLocale(locale) ? locale : "nb"}/t/${encodeURIComponent(tenant)}/import`);
}
