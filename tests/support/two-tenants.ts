import { test as base } from "vitest";
import { createTenantWithStaff, type Tenant } from "../integration/helpers/coordinator.ts";

export type TwoTenants = { a: Tenant; b: Tenant };

/**
 * A vitest `test` whose tests get `tenants`: two tenants, each with a coordinator, an administrator and a
 * partner viewer (createTenantWithStaff), made once per file and shared by its tests — the setup most
 * integration files need to show that one tenant's data stays its own. Slugs start with `prefix`.
 */
export function testWithTwoTenants(prefix: string) {
  return base.extend<{ tenants: TwoTenants }>({
    tenants: [
      async ({}, use) => {
        const a = await createTenantWithStaff(`${prefix}-a`);
        const b = await createTenantWithStaff(`${prefix}-b`);
        await use({ a, b });
      },
      { scope: "file" },
    ],
  });
}
