"use server";

import { clientIp } from "@/lib/http/client-ip";
import { formLocale, formText, parseForm, runPublicAction } from "@/lib/actions/run-action";
import type { ActionState } from "@/lib/actions/state";
import { AppError } from "@/lib/errors";
import { onboardingSchema } from "@/lib/onboarding/schemas";
import { onboardMunicipality } from "@/lib/onboarding/onboard-municipality";
import { hitRateLimit } from "@/lib/security/rate-limit";
import { adoptModel } from "@/lib/models/adopt-model";
import { env } from "@/lib/env";
import { startSessionFor } from "@/lib/auth/start-session";

/**
 * A municipality signs itself up. Active at once: the new administrator is signed in and lands in the
 * workspace; awaiting approval: the page says so. A plain form POST, so it works before the page's JavaScript
 * has loaded, and the password never lands in a URL.
 */
export async function onboardAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runPublicAction(async () => {
    // A filled-in honeypot is a bot: answer as for any invalid form, create nothing.
    if (formText(form, "website") !== "") throw new AppError("INVALID_INPUT", "errors:invalidInput");
    const { allowed } = await hitRateLimit(`onboarding:${await clientIp()}`, env().ONBOARDING_RATE_LIMIT, 3600);
    if (!allowed) throw new AppError("INVALID_INPUT", "onboarding:tooMany");
    const data = parseForm(onboardingSchema, form);
    const result = await onboardMunicipality(data);
    if (data.modelSlug) {
      // Starting from a model is a second step: the workspace exists whatever happens to it.
      const ctx = {
        tenantId: result.tenantId,
        tenantSlug: result.slug,
        userId: result.userId,
        role: "TENANT_ADMIN" as const,
        organisationId: null,
      };
      await adoptModel({ ctx, modelSlug: data.modelSlug }).catch((error) =>
        console.error("[onboarding] adopting the model failed", error),
      );
    }
    if (result.status === "ACTIVE") await startSessionFor(result.userId);
    const locale = formLocale(form);
    return {
      redirectTo:
        result.status === "ACTIVE" ? `/${locale}/t/${result.slug}?welcome=1` : `/${locale}/onboarding?requested=1`,
    };
  });
}
