import "server-only";
import { db } from "../db/client.ts";
import { withNewTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { env } from "../env.ts";
import { hashPassword } from "../auth/password.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { Prisma } from "../db/generated/client.ts";
import { codePrefix, findMunicipality } from "./municipalities.ts";
import type { OnboardingInput } from "./schemas.ts";

/**
 * A municipality joins: its tenant, its first administrator and the membership, in one transaction —
 * a failure anywhere leaves nothing behind. With ONBOARDING_MODE=approval the tenant waits for the
 * platform operator.
 */
export async function onboardMunicipality(data: OnboardingInput) {
  const municipality = findMunicipality(data.country, data.municipalityCode);
  if (!municipality)
    throw new AppError("INVALID_INPUT", "errors:invalidInput", { municipalityCode: "validation.chooseMunicipality" });
  const existing = await db().tenant.findFirst({
    where: { OR: [{ slug: data.slug }, { country: data.country, municipalityCode: data.municipalityCode }] },
    select: { slug: true, municipalityCode: true, country: true },
  });
  if (existing?.country === data.country && existing.municipalityCode === data.municipalityCode) {
    throw new AppError("CONFLICT", "errors:invalidInput", { municipalityCode: "validation.municipalityTaken" });
  }
  if (existing) throw new AppError("CONFLICT", "errors:invalidInput", { slug: "validation.slugTaken" });
  if (await db().user.findUnique({ where: { email: data.adminEmail }, select: { id: true } })) {
    throw new AppError("CONFLICT", "errors:invalidInput", { adminEmail: "validation.accountExists" });
  }
  const passwordHash = await hashPassword(data.password);
  const status = env().ONBOARDING_MODE === "approval" ? "PENDING_APPROVAL" : "ACTIVE";
  const name = data.country === "NO" ? `${municipality.name} kommune` : `${municipality.name} kommun`;
  try {
    return await withNewTenant(
      (tx) =>
        tx.tenant.create({
          data: {
            slug: data.slug,
            name,
            country: data.country,
            municipalityCode: data.municipalityCode,
            defaultLocale: data.defaultLocale,
            codePrefix: codePrefix(municipality.name),
            status,
          },
        }),
      async (tx, tenantId) => {
        const user = await tx.user.create({ data: { email: data.adminEmail, name: data.adminName, passwordHash } });
        await tx.membership.create({ data: { tenantId, userId: user.id, role: "TENANT_ADMIN" } });
        await recordAudit(
          tx,
          { tenantId, userId: user.id },
          { action: "tenant.onboarded", entityType: "Tenant", entityId: tenantId, details: { status } },
        );
        return { tenantId, slug: data.slug, name, status, userId: user.id };
      },
    );
  } catch (error) {
    // Two sign-ups for the same municipality, slug or e-mail at the same moment: the unique index decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      // Which unique index refused the row (meta.target, or the driver adapter's constraint name).
      const constraint = JSON.stringify(error.meta ?? {});
      if (/email/i.test(constraint))
        throw new AppError("CONFLICT", "errors:invalidInput", { adminEmail: "validation.accountExists" });
      if (/municipalityCode/i.test(constraint))
        throw new AppError("CONFLICT", "errors:invalidInput", { municipalityCode: "validation.municipalityTaken" });
      throw new AppError("CONFLICT", "errors:invalidInput", { slug: "validation.slugTaken" });
    }
    throw error;
  }
}
