import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "../../lib/db/unavailable.ts";

describe("isDatabaseUnavailable", () => {
  it("recognises a lost or refused connection anywhere in the cause chain", () => {
    expect(
      isDatabaseUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error("wrapped", { cause: { kind: "DatabaseNotReachable" } }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("outer", { cause: new Error("inner", { cause: { code: "57P01" } }) }))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable({ code: "P1001" })).toBe(true);
  });

  it("does not mistake bugs or refused statements for an outage", () => {
    expect(isDatabaseUnavailable(new TypeError("x.get is not a function"))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
    expect(isDatabaseUnavailable({ code: "P2002" })).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
  });
});
