/**
 * A municipality's settings: name, default language, retention period and logo (size- and content-checked:
 * the declared type must match the file's bytes). Administrators only.
 */
import { deflateSync } from "node:zlib";
import { afterAll, describe, expect } from "vitest";
import { testWithTwoTenants } from "../support/two-tenants.ts";
import { appDb } from "../support/db.ts";
import { db } from "../../lib/db/client.ts";
import type { TenantContext } from "../../lib/db/tenant.ts";
import { fieldErrors } from "../../lib/validation.ts";
import {
  getTenantLogo,
  getTenantSettings,
  LOGO_MAX_BYTES,
  updateTenantSettings,
} from "../../lib/tenants/tenant-settings.ts";
import { tenantSettingsSchema } from "../../lib/tenants/schemas.ts";
import { adminQuery, createTenantWithStaff, expectAppError, snapshot } from "./helpers/coordinator.ts";

const it = testWithTwoTenants("set");

afterAll(async () => {
  await appDb().$disconnect();
  await db().$disconnect();
});

// ---- A real PNG, built byte by byte: signature, IHDR, IDAT (zlib), IEND, each chunk with its CRC-32. ----
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Uint8Array): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  typeAndData.copy(out, 4);
  out.writeUInt32BE(crc32(typeAndData), 8 + data.length);
  return out;
}
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** A width × height RGBA image of one colour. */
function png(width = 1, height = 1, rgba = [0x1f, 0x6f, 0xb4, 0xff]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, no filter method, no interlace
  const row = [0, ...Array.from({ length: width }, () => rgba).flat()]; // filter byte "none" + pixels
  const raw = Buffer.from(Array.from({ length: height }, () => row).flat());
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", new Uint8Array()),
  ]);
}
const JPEG_START = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const WEBP_START = Buffer.from([
  0x52, 0x49, 0x46, 0x46, 0x24, 0x00, 0x00, 0x00, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x20,
]);

const file = (bytes: Uint8Array, type: string, name = "logo.png") => new File([new Uint8Array(bytes)], name, { type });

const settings = (input: Record<string, unknown> = {}) =>
  tenantSettingsSchema.parse({
    name: "Testkommune",
    defaultLocale: "nb",
    retentionMonths: "60",
    disclosureThreshold: "5",
    ...input,
  });

async function tenantRow(tenantId: string) {
  const [row] = await adminQuery<{
    name: string;
    defaultLocale: string;
    retentionMonths: number;
    logo: Buffer | null;
    logoMimeType: string | null;
  }>(`select name, "defaultLocale", "retentionMonths", logo, "logoMimeType" from "Tenant" where id = $1`, [tenantId]);
  return row;
}

const lastSettingsEvent = async (tenantId: string) =>
  (
    await adminQuery<{ actorId: string; details: { changed: string[] } }>(
      `select "actorId", details from "AuditEvent" where "tenantId" = $1 and action = 'tenant.settingsChanged' order by at desc, id desc limit 1`,
      [tenantId],
    )
  )[0];

describe("the PNG built for these tests", () => {
  it("is a well-formed PNG: signature, IHDR first, IEND last, correct CRCs", () => {
    const bytes = png(2, 3);
    expect(bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(bytes.subarray(12, 16).toString("ascii")).toBe("IHDR");
    expect(bytes.readUInt32BE(16)).toBe(2);
    expect(bytes.readUInt32BE(20)).toBe(3);
    expect(bytes.subarray(bytes.length - 8, bytes.length - 4).toString("ascii")).toBe("IEND");
    expect(bytes.readUInt32BE(bytes.length - 4)).toBe(0xae426082); // the well-known CRC of an empty IEND chunk
  });
});

describe("updateTenantSettings", () => {
  it("saves the name, the default language and the retention period, and audits what changed", async ({
    tenants: { a },
  }) => {
    await updateTenantSettings({
      ctx: a.admin,
      data: settings({ name: "  Nytt Navn kommune ", defaultLocale: "sv", retentionMonths: "36" }),
    });
    expect(await tenantRow(a.tenantId)).toMatchObject({
      name: "Nytt Navn kommune",
      defaultLocale: "sv",
      retentionMonths: 36,
      logo: null,
      logoMimeType: null,
    });
    expect(await getTenantSettings(a.admin)).toMatchObject({
      name: "Nytt Navn kommune",
      defaultLocale: "sv",
      retentionMonths: 36,
      logoMimeType: null,
      country: "NO",
    });
    expect(await lastSettingsEvent(a.tenantId)).toEqual({
      actorId: a.admin.userId,
      details: { changed: ["name", "defaultLocale", "retentionMonths"] },
    });

    await updateTenantSettings({
      ctx: a.admin,
      data: settings({ name: "Nytt Navn kommune", defaultLocale: "en", retentionMonths: "36" }),
    });
    expect(await lastSettingsEvent(a.tenantId)).toMatchObject({ details: { changed: ["defaultLocale"] } });
    expect(await tenantRow(a.tenantId)).toMatchObject({ defaultLocale: "en" });
  });

  it("validates the form: name required, a known language, retention 6–240 whole months", () => {
    const errorsOf = (input: Record<string, unknown>) =>
      fieldErrors(
        tenantSettingsSchema.safeParse({
          name: "X",
          defaultLocale: "nb",
          retentionMonths: "60",
          disclosureThreshold: "5",
          ...input,
        }).error!,
      );
    expect(errorsOf({ name: " " })).toEqual({ name: "validation.required" });
    expect(errorsOf({ name: "x".repeat(121) })).toEqual({ name: "validation.tooLong" });
    expect(errorsOf({ defaultLocale: "de" })).toEqual({ defaultLocale: "validation.choose" });
    expect(errorsOf({ retentionMonths: "5" })).toEqual({ retentionMonths: "validation.range" });
    expect(errorsOf({ retentionMonths: "241" })).toEqual({ retentionMonths: "validation.range" });
    expect(errorsOf({ retentionMonths: "12.5" })).toEqual({ retentionMonths: "validation.number" });
    expect(errorsOf({ retentionMonths: "abc" })).toEqual({ retentionMonths: "validation.number" });
    expect(settings({ retentionMonths: "6" }).retentionMonths).toBe(6);
    expect(settings({ retentionMonths: "240" }).retentionMonths).toBe(240);
    // The disclosure threshold: 3–10 whole people; protection cannot be switched off (no 0, no 1).
    for (const bad of ["0", "1", "2", "11"])
      expect(errorsOf({ disclosureThreshold: bad })).toEqual({ disclosureThreshold: "validation.range" });
    expect(errorsOf({ disclosureThreshold: "" })).toEqual({ disclosureThreshold: "validation.range" });
    expect(settings({ disclosureThreshold: "3" }).disclosureThreshold).toBe(3);
    expect(settings({ disclosureThreshold: "10" }).disclosureThreshold).toBe(10);
  });

  it("saves the disclosure threshold, audits it, and the database refuses one outside 3–10", async ({
    tenants: { a },
  }) => {
    expect((await getTenantSettings(a.admin)).disclosureThreshold).toBe(5);
    await updateTenantSettings({
      ctx: a.admin,
      data: settings({
        name: (await tenantRow(a.tenantId)).name,
        defaultLocale: (await tenantRow(a.tenantId)).defaultLocale,
        retentionMonths: String((await tenantRow(a.tenantId)).retentionMonths),
        disclosureThreshold: "8",
      }),
    });
    expect((await getTenantSettings(a.admin)).disclosureThreshold).toBe(8);
    expect(await lastSettingsEvent(a.tenantId)).toMatchObject({ details: { changed: ["disclosureThreshold"] } });
    await expect(
      adminQuery(`update "Tenant" set "disclosureThreshold" = 2 where id = $1`, [a.tenantId]),
    ).rejects.toThrow(/disclosureThreshold_range/);
    await updateTenantSettings({
      ctx: a.admin,
      data: settings({
        name: (await tenantRow(a.tenantId)).name,
        defaultLocale: (await tenantRow(a.tenantId)).defaultLocale,
        retentionMonths: String((await tenantRow(a.tenantId)).retentionMonths),
        disclosureThreshold: "5",
      }),
    });
  });

  it("accepts a small valid PNG and stores its bytes and type", async ({ tenants: { a } }) => {
    const bytes = png(4, 4);
    await updateTenantSettings({ ctx: a.admin, data: settings(), logo: file(bytes, "image/png") });
    const row = await tenantRow(a.tenantId);
    expect(row.logoMimeType).toBe("image/png");
    expect(Buffer.compare(row.logo!, bytes)).toBe(0);
    const logo = await getTenantLogo(a.admin);
    expect(logo?.logoMimeType).toBe("image/png");
    expect(Buffer.from(logo!.logo!).equals(bytes)).toBe(true);
    expect((await lastSettingsEvent(a.tenantId)).details.changed).toContain("logo");
    expect(await getTenantSettings(a.admin)).toMatchObject({ logoMimeType: "image/png" });
  });

  it("accepts JPEG and WebP files whose bytes match their declared type", async () => {
    const t = await createTenantWithStaff("set-types");
    const jpeg = Buffer.concat([JPEG_START, Buffer.alloc(64, 1)]);
    await updateTenantSettings({ ctx: t.admin, data: settings(), logo: file(jpeg, "image/jpeg", "logo.jpg") });
    expect(await tenantRow(t.tenantId)).toMatchObject({ logoMimeType: "image/jpeg" });
    const webp = Buffer.concat([WEBP_START, Buffer.alloc(64, 2)]);
    await updateTenantSettings({ ctx: t.admin, data: settings(), logo: file(webp, "image/webp", "logo.webp") });
    const row = await tenantRow(t.tenantId);
    expect(row.logoMimeType).toBe("image/webp");
    expect(Buffer.compare(row.logo!, webp)).toBe(0);
  });

  it("refuses a file declared image/png whose bytes are not a PNG, changing nothing", async () => {
    const t = await createTenantWithStaff("set-type");
    await updateTenantSettings({ ctx: t.admin, data: settings({ name: "Before" }), logo: file(png(), "image/png") });
    const before = await tenantRow(t.tenantId);
    const audit = await snapshot(t.tenantId);
    const fakes: [Uint8Array, string][] = [
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), "image/png"],
      [Buffer.from("GIF89a\x01\x00\x01\x00"), "image/png"],
      [Buffer.concat([JPEG_START, Buffer.alloc(16)]), "image/png"], // a real JPEG, declared as PNG
      [png(), "image/jpeg"], // a real PNG, declared as JPEG
      [png(), "image/svg+xml"],
      [png(), ""],
      [PNG_SIGNATURE.subarray(0, 7), "image/png"], // cut short
      [Buffer.from("RIFF\x00\x00\x00\x00WAVEfmt "), "image/webp"],
    ];
    for (const [bytes, type] of fakes) {
      await expectAppError(
        () => updateTenantSettings({ ctx: t.admin, data: settings({ name: "After" }), logo: file(bytes, type) }),
        "INVALID_INPUT",
        {
          fieldErrors: { logo: "validation.logoType" },
          messageKey: "errors:invalidInput",
        },
      );
    }
    expect(await tenantRow(t.tenantId)).toEqual(before);
    expect(before.name).toBe("Before");
    expect(await snapshot(t.tenantId)).toEqual(audit);
  });

  it("refuses a logo over 200 KB, and accepts one of exactly 200 KB", async () => {
    const t = await createTenantWithStaff("set-size");
    expect(LOGO_MAX_BYTES).toBe(200 * 1024);
    const before = await tenantRow(t.tenantId);
    const pad = (size: number) => {
      const base = png(8, 8);
      const out = Buffer.alloc(size);
      base.copy(out);
      return out;
    };
    await expectAppError(
      () =>
        updateTenantSettings({
          ctx: t.admin,
          data: settings({ name: "Too big" }),
          logo: file(pad(LOGO_MAX_BYTES + 1), "image/png"),
        }),
      "INVALID_INPUT",
      {
        fieldErrors: { logo: "validation.logoTooBig" },
      },
    );
    await expectAppError(
      () => updateTenantSettings({ ctx: t.admin, data: settings(), logo: file(pad(2 * 1024 * 1024), "image/png") }),
      "INVALID_INPUT",
      {
        fieldErrors: { logo: "validation.logoTooBig" },
      },
    );
    expect(await tenantRow(t.tenantId)).toEqual(before);
    await updateTenantSettings({ ctx: t.admin, data: settings(), logo: file(pad(LOGO_MAX_BYTES), "image/png") });
    expect((await tenantRow(t.tenantId)).logo).toHaveLength(LOGO_MAX_BYTES);
  });

  it("keeps the logo when no file is chosen, and removes it on request", async () => {
    const t = await createTenantWithStaff("set-remove");
    const bytes = png(2, 2);
    await updateTenantSettings({ ctx: t.admin, data: settings(), logo: file(bytes, "image/png") });
    // A form without a file sends an empty one.
    await updateTenantSettings({
      ctx: t.admin,
      data: settings({ name: "Renamed" }),
      logo: file(new Uint8Array(), "application/octet-stream", ""),
    });
    await updateTenantSettings({ ctx: t.admin, data: settings({ name: "Renamed" }), logo: null });
    const kept = await tenantRow(t.tenantId);
    expect(kept).toMatchObject({ name: "Renamed", logoMimeType: "image/png" });
    expect(Buffer.compare(kept.logo!, bytes)).toBe(0);
    expect((await lastSettingsEvent(t.tenantId)).details.changed).toEqual([]);

    await updateTenantSettings({ ctx: t.admin, data: settings({ name: "Renamed" }), removeLogo: true });
    expect(await tenantRow(t.tenantId)).toMatchObject({ logo: null, logoMimeType: null });
    expect((await lastSettingsEvent(t.tenantId)).details.changed).toEqual(["logo"]);
  });

  it("gives a coordinator and a partner viewer NOT_FOUND, changing nothing", async ({ tenants: { a } }) => {
    const before = await tenantRow(a.tenantId);
    const audit = await snapshot(a.tenantId);
    for (const ctx of [a.coordinator, a.partner] as TenantContext[]) {
      await expectAppError(() => updateTenantSettings({ ctx, data: settings({ name: "Hijacked" }) }), "NOT_FOUND", {
        messageKey: "errors:notFound",
      });
      await expectAppError(
        () => updateTenantSettings({ ctx, data: settings({ name: "Hijacked" }), logo: file(png(), "image/png") }),
        "NOT_FOUND",
      );
      await expectAppError(() => updateTenantSettings({ ctx, data: settings(), removeLogo: true }), "NOT_FOUND");
      await expectAppError(() => getTenantSettings(ctx), "NOT_FOUND");
    }
    expect(await tenantRow(a.tenantId)).toEqual(before);
    expect(await snapshot(a.tenantId)).toEqual(audit);
  });

  it("changes only the context's own tenant", async ({ tenants: { a, b } }) => {
    const beforeB = await tenantRow(b.tenantId);
    const auditB = await snapshot(b.tenantId);
    await updateTenantSettings({
      ctx: a.admin,
      data: settings({ name: "Only A" }),
      logo: file(png(3, 3), "image/png"),
    });
    expect(await tenantRow(a.tenantId)).toMatchObject({ name: "Only A" });
    expect(await tenantRow(b.tenantId)).toEqual(beforeB);
    expect(await snapshot(b.tenantId)).toEqual(auditB);
    expect(await getTenantSettings(b.admin)).toMatchObject({ name: beforeB.name });
  });
});
