"use server";

import { actionLocale, parseForm, runTenantAction } from "@/lib/actions/run-action";
import type { ActionState } from "@/lib/actions/state";
import { adoptModelSchema, parseModelForm } from "@/lib/models/schemas";
import { saveModel } from "@/lib/models/save-model";
import { publishModel, unpublishModel } from "@/lib/models/publish-model";
import { adoptModel } from "@/lib/models/adopt-model";

export async function saveModelAction(tenant: string, _: ActionState, form: FormData): Promise<ActionState> {
  return runTenantAction(tenant, "settings.manage", async (ctx) => {
    const model = await saveModel({ ctx, data: parseModelForm(form) });
    return { message: model.status === "PUBLISHED" ? "models:savedPublished" : "models:saved" };
  });
}

export async function publishModelAction(tenant: string, _: ActionState, _form: FormData): Promise<ActionState> {
  return runTenantAction(tenant, "settings.manage", async (ctx) => {
    await publishModel({ ctx });
    return { message: "models:publishedMessage" };
  });
}

export async function unpublishModelAction(tenant: string, _: ActionState, _form: FormData): Promise<ActionState> {
  return runTenantAction(tenant, "settings.manage", async (ctx) => {
    await unpublishModel({ ctx });
    return { message: "models:unpublishedMessage" };
  });
}

export async function adoptModelAction(
  locale: string,
  tenant: string,
  _: ActionState,
  form: FormData,
): Promise<ActionState> {
  return runTenantAction(tenant, "settings.manage", async (ctx) => {
    const { modelSlug } = parseForm(adoptModelSchema, form);
    const result = await adoptModel({ ctx, modelSlug });
    return {
      redirectTo: `/${actionLocale(locale)}/t/${ctx.tenantSlug}/model?adopted=${encodeURIComponent(modelSlug)}&pilots=${result.pilotsCreated}&at=${Date.now()}`,
    };
  });
}
