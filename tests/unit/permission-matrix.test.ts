import { describe, expect, it } from "vitest";
import { can, permissions, type Action } from "../../lib/auth/permissions.ts";

// The intended role × action matrix, written out independently of lib/auth/permissions.ts:
// A = tenant administrator, C = coordinator, P = partner viewer.
const expected: Record<Action, string> = {
  "tenant.view": "ACP",
  "dashboard.view": "ACP",
  "pilot.view": "ACP",
  "pilot.manage": "AC",
  "organisation.view": "ACP",
  "organisation.manage": "AC",
  "participant.view": "AC",
  "participant.manage": "AC",
  "settings.manage": "A",
  "members.manage": "A",
  "audit.view": "A",
  "release.publish": "A",
  "participant.export": "A",
  "participant.erase": "A",
};
const roles = { A: "TENANT_ADMIN", C: "COORDINATOR", P: "PARTNER_VIEWER" } as const;

describe("the role × action matrix", () => {
  it("covers every action of the permission table, and no more", () => {
    expect(Object.keys(permissions).sort()).toEqual(Object.keys(expected).sort());
  });

  for (const [action, allowed] of Object.entries(expected) as [Action, string][]) {
    for (const [letter, role] of Object.entries(roles)) {
      it(`${role} ${allowed.includes(letter) ? "may" : "may not"} ${action}`, () => {
        expect(can(role, action)).toBe(allowed.includes(letter));
      });
    }
  }
});
