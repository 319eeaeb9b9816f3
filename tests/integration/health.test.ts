import { describe, expect, it } from "vitest";
import { checkDatabase } from "../../lib/db/health.ts";
import { createClient } from "../../lib/db/client.ts";
import { appDb } from "../support/db.ts";

describe("database health", () => {
  it("is up when the database answers", async () => {
    expect(await checkDatabase(2_000, appDb())).toBe(true);
  });

  it("is down, without throwing, when the database cannot be reached", async () => {
    const unreachable = createClient("postgresql://samspill_app:x@127.0.0.1:9/none", 1);
    const started = Date.now();
    expect(await checkDatabase(1_000, unreachable)).toBe(false);
    expect(Date.now() - started).toBeLessThan(5_000);
    await unreachable.$disconnect();
  });
});
