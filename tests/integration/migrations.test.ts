import { readFileSync } from "node:fs";
import { inject, describe, expect, it } from "vitest";
import { diffSchemas } from "../../tooling/db/schema-engine.ts";
import { withAdmin } from "../support/db.ts";

describe("migrations", () => {
  it("are recorded as standard Prisma migrations", async () => {
    const rows = await withAdmin(
      async (c) =>
        (
          await c.query<{ migration_name: string; finished_at: Date | null }>(
            `select migration_name, finished_at from _prisma_migrations`,
          )
        ).rows,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.finished_at).not.toBeNull();
  });

  it("match prisma/schema.prisma (run `npm run db:migration -- <name>` after changing it)", async () => {
    const snapshot = readFileSync("prisma/schema.migrated", "utf8");
    const schema = readFileSync("prisma/schema.prisma", "utf8");
    const sql = await diffSchemas(inject("adminUrl"), snapshot, schema);
    expect(sql.replace(/^--.*$/gm, "").trim()).toBe("");
  });
});
