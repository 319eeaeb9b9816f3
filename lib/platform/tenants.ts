import { db } from "../db/client.ts";
import { AppError } from "../errors.ts";

/** The platform operator's view: municipalities waiting for approval (ONBOARDING_MODE=approval). */
async function requirePlatformAdmin(userId: string) {
  const user = await db().user.findUnique({ where: { id: userId }, select: { platformAdmin: true } });
  if (!user?.platformAdmin) throw new AppError("NOT_FOUND", "errors:notFound");
}

export async function listPendingTenants(userId: string) {
  await requirePlatformAdmin(userId);
  return db().tenant.findMany({
    where: { status: "PENDING_APPROVAL" },
    select: { id: true, slug: true, name: true, country: true, municipalityCode: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
}

export async function decideTenant(userId: string, tenantId: string, approve: boolean) {
  await requirePlatformAdmin(userId);
  const { count } = await db().tenant.updateMany({
    where: { id: tenantId, status: "PENDING_APPROVAL" },
    data: { status: approve ? "ACTIVE" : "SUSPENDED" },
  });
  if (count === 0) throw new AppError("NOT_FOUND", "errors:notFound");
}

export async function isPlatformAdmin(userId: string) {
  return (
    (await db().user.findUnique({ where: { id: userId }, select: { platformAdmin: true } }))?.platformAdmin === true
  );
}
