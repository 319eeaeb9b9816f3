import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appDb, uniqueSlug } from "../support/db.ts";
import { createTenantWithStaff, expectAppError, type Tenant } from "./helpers/coordinator.ts";
import { createPartnership } from "../../lib/partnerships/create-partnership.ts";
import { getPartnershipRelease } from "../../lib/releases/read-partnership-release.ts";
import { invitePartnershipMember } from "../../lib/partnerships/invite-partnership-member.ts";
import { listTenantPartnerships } from "../../lib/partnerships/list-tenant-partnerships.ts";
import { respondToPartnership } from "../../lib/partnerships/respond-to-partnership.ts";
import { setIndicatorSharing } from "../../lib/partnerships/set-indicator-sharing.ts";

let no: Tenant;
let se: Tenant;
let third: Tenant;

beforeAll(async () => {
  no = await createTenantWithStaff("pm-no");
  se = await createTenantWithStaff("pm-se");
  third = await createTenantWithStaff("pm-x");
});
afterAll(async () => {
  await appDb().$disconnect();
});

describe("partnership membership", () => {
  it("is created by one municipality, joined by another across the border, and left again", async () => {
    const slug = uniqueSlug("grenseland");
    const p = await createPartnership({ ctx: no.admin, name: "Grenseland", slug });
    await expectAppError(() => createPartnership({ ctx: se.admin, name: "Again", slug }), "CONFLICT", {
      fieldErrors: { slug: "validation.slugTaken" },
    });
    await expectAppError(
      () => invitePartnershipMember({ ctx: no.admin, partnershipId: p.id, tenantSlug: "no-such-municipality" }),
      "INVALID_INPUT",
      { fieldErrors: { tenantSlug: "validation.unknownMunicipality" } },
    );
    await invitePartnershipMember({ ctx: no.admin, partnershipId: p.id, tenantSlug: se.slug });
    await expectAppError(
      () => invitePartnershipMember({ ctx: no.admin, partnershipId: p.id, tenantSlug: se.slug }),
      "CONFLICT",
    );
    // Only a member may invite; only the invited tenant's administrator may answer.
    await expectAppError(
      () => invitePartnershipMember({ ctx: third.admin, partnershipId: p.id, tenantSlug: third.slug }),
      "NOT_FOUND",
    );
    await expectAppError(
      () => respondToPartnership({ ctx: third.admin, partnershipId: p.id, answer: "accept" }),
      "NOT_FOUND",
    );
    await expectAppError(
      () => respondToPartnership({ ctx: se.coordinator, partnershipId: p.id, answer: "accept" }),
      "NOT_FOUND",
    );
    expect((await listTenantPartnerships(se.admin)).map((m) => [m.partnershipId, m.status])).toEqual([
      [p.id, "INVITED"],
    ]);

    await respondToPartnership({ ctx: se.admin, partnershipId: p.id, answer: "accept" });
    const seUser = se.admin.userId;
    // Members see the dashboard; nobody shares until an administrator opts in.
    let dashboard = await getPartnershipRelease(seUser, slug);
    expect(dashboard?.members.map((m) => m.tenantId).sort()).toEqual([no.tenantId, se.tenantId].sort());
    expect(dashboard?.members.filter((m) => m.sharing)).toEqual([]);
    await setIndicatorSharing({ ctx: se.admin, partnershipId: p.id, share: true });
    dashboard = await getPartnershipRelease(seUser, slug);
    expect(dashboard?.members.filter((m) => m.sharing).map((m) => m.tenantId)).toEqual([se.tenantId]);

    await respondToPartnership({ ctx: se.admin, partnershipId: p.id, answer: "leave" });
    expect(await getPartnershipRelease(seUser, slug)).toBeNull();
    expect(await listTenantPartnerships(se.admin)).toEqual([]);
    // A municipality that left can be invited again.
    await invitePartnershipMember({ ctx: no.admin, partnershipId: p.id, tenantSlug: se.slug });
    await respondToPartnership({ ctx: se.admin, partnershipId: p.id, answer: "decline" });
    expect(await listTenantPartnerships(se.admin)).toEqual([]);
  });
});
