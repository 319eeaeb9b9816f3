import { describe, expect, it } from "vitest";
import { assertCan, can, permissions } from "../../lib/auth/permissions.ts";
import { AppError } from "../../lib/errors.ts";
import { safeCallbackUrl } from "../../lib/auth/callback-url.ts";

describe("permissions", () => {
  it("never lets a partner viewer see or change a participant", () => {
    expect(can("PARTNER_VIEWER", "participant.view")).toBe(false);
    expect(can("PARTNER_VIEWER", "participant.manage")).toBe(false);
    expect(can("PARTNER_VIEWER", "dashboard.view")).toBe(true);
  });

  it("keeps tenant administration for administrators", () => {
    for (const action of ["settings.manage", "members.manage", "audit.view"] as const) {
      expect(permissions[action]).toEqual(["TENANT_ADMIN"]);
    }
    expect(can("COORDINATOR", "participant.manage")).toBe(true);
  });

  it("answers a refusal as not found, so existence does not leak", () => {
    try {
      assertCan({ role: "PARTNER_VIEWER" }, "participant.view");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("NOT_FOUND");
    }
  });
});

describe("sign-in destination", () => {
  it("only allows paths on this site", () => {
    expect(safeCallbackUrl("/nb/t/verdal", "/x")).toBe("/nb/t/verdal");
    expect(safeCallbackUrl("https://evil.example/", "/x")).toBe("/x");
    expect(safeCallbackUrl("//evil.example/", "/x")).toBe("/x");
    expect(safeCallbackUrl("/\\evil.example", "/x")).toBe("/x");
    expect(safeCallbackUrl(undefined, "/x")).toBe("/x");
    expect(safeCallbackUrl(["/a", "/b"], "/x")).toBe("/a");
  });
});
