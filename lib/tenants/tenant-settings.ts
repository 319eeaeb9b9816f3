import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { changedFields } from "../audit/changed-fields.ts";
import { env } from "../env.ts";
import type { TenantSettingsInput } from "./schemas.ts";
import { effectiveThreshold } from "../dashboards/protection.ts";

export const LOGO_MAX_BYTES = 200 * 1024;
export const LOGO_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;

/** The first bytes of each image type we accept: the declared type must match the content. */
function sniff(bytes: Uint8Array): (typeof LOGO_TYPES)[number] | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    bytes[8] === 0x57 &&
    bytes[9] === 0x45 &&
    bytes[10] === 0x42 &&
    bytes[11] === 0x50
  )
    return "image/webp";
  return null;
}

export async function getTenantSettings(ctx: TenantContext) {
  assertCan(ctx, "settings.manage");
  const tenant = await withTenant(ctx, (tx) =>
    tx.tenant.findUniqueOrThrow({
      where: { id: ctx.tenantId },
      select: {
        name: true,
        defaultLocale: true,
        retentionMonths: true,
        disclosureThreshold: true,
        logoMimeType: true,
        country: true,
        municipalityCode: true,
      },
    }),
  );
  return {
    ...tenant,
    disclosureThreshold: effectiveThreshold(tenant.disclosureThreshold, env().SUPPRESSION_THRESHOLD),
  };
}

/** Name, default language, retention period and (optionally) a new logo: size- and type-checked. */
export async function updateTenantSettings(options: {
  ctx: TenantContext;
  data: TenantSettingsInput;
  logo?: File | null;
  removeLogo?: boolean;
}) {
  const { ctx, data } = options;
  assertCan(ctx, "settings.manage");
  let logo: { bytes: Uint8Array<ArrayBuffer>; type: string } | undefined;
  if (options.logo && options.logo.size > 0) {
    if (options.logo.size > LOGO_MAX_BYTES)
      throw new AppError("INVALID_INPUT", "errors:invalidInput", { logo: "validation.logoTooBig" });
    const bytes = new Uint8Array(await options.logo.arrayBuffer());
    const type = sniff(bytes);
    if (!type || type !== options.logo.type)
      throw new AppError("INVALID_INPUT", "errors:invalidInput", { logo: "validation.logoType" });
    logo = { bytes, type };
  }
  return withTenant(ctx, async (tx) => {
    const row = await tx.tenant.findUniqueOrThrow({
      where: { id: ctx.tenantId },
      select: { name: true, defaultLocale: true, retentionMonths: true, disclosureThreshold: true },
    });
    const before = {
      ...row,
      disclosureThreshold: effectiveThreshold(row.disclosureThreshold, env().SUPPRESSION_THRESHOLD),
    };
    await tx.tenant.update({
      where: { id: ctx.tenantId },
      data: {
        ...data,
        ...(logo
          ? { logo: logo.bytes, logoMimeType: logo.type }
          : options.removeLogo
            ? { logo: null, logoMimeType: null }
            : {}),
      },
    });
    await recordAudit(tx, ctx, {
      action: "tenant.settingsChanged",
      entityType: "Tenant",
      entityId: ctx.tenantId,
      details: { changed: [...changedFields(before, data), ...(logo || options.removeLogo ? ["logo"] : [])] },
    });
  });
}

export async function getTenantLogo(ctx: TenantContext) {
  return withTenant(ctx, (tx) =>
    tx.tenant.findUnique({ where: { id: ctx.tenantId }, select: { logo: true, logoMimeType: true } }),
  );
}
