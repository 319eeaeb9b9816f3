import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { AUDIT_ACTIONS } from "../../lib/audit/audit-actions.ts";

// Every audit action the code can write has a label in every language. The audit page builds its keys at run time
// (`audit.actions.<code with "." → "_">`), so the key-parity test of the locales cannot see a missing one: this
// test reads the code that writes audit events and enumerates the codes instead.

const LOCALES = ["nb", "sv", "en"] as const;
const CODE = /^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/;
const LITERAL = /["'`]([a-z][a-zA-Z]*\.[a-z][a-zA-Z]*)["'`]/g;

/**
 * The places that build a code from a value instead of writing it out, with every value it can take. A new place
 * of this kind fails the test until it is listed here.
 */
const DYNAMIC: Record<string, string[]> = {
  // respondToPartnership: answer is "accept" | "decline" | "leave".
  "lib/partnerships/respond-to-partnership.ts": ["partnership.accept", "partnership.decline", "partnership.leave"],
};
/** auditSignIn(userId, action, …) passes its argument on; its callers write the codes out (read below). */
const PASS_THROUGH = ["lib/auth/memberships.ts"];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => !f.includes(`${path.sep}generated${path.sep}`));
}

function writtenCodes(): { codes: Set<string>; problems: string[] } {
  const codes = new Set<string>();
  const problems: string[] = [];
  const files = [...sources("lib"), ...sources("app"), "prisma/seed.ts"];
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    const rel = file.split(path.sep).join("/");
    // Only files that write audit events (recordAudit, the bulk insert of the import, the seed, sign-in events).
    const writes = /recordAudit\(|auditEvent\.create(Many)?\(|auditSignIn\(/.test(text);
    if (!writes || rel === "lib/audit/record-audit.ts") continue;
    // `action: <expression>` up to the end of the property: a literal, or a ternary of literals.
    for (const m of text.matchAll(/\baction:\s*([^,}\n]+(?:\n\s*[?:][^,}\n]+)*)/g)) {
      const expression = m[1].trim();
      if (/^[A-Z]/.test(expression)) continue; // a type annotation (`action: Action = …`), not a value
      const literals = [...expression.matchAll(LITERAL)].map((l) => l[1]);
      if (expression.startsWith("`") && expression.includes("${")) {
        if (!DYNAMIC[rel]) problems.push(`${rel}: a computed audit action (${expression}): list its values in DYNAMIC`);
        continue;
      }
      for (const code of literals) codes.add(code);
    }
    if (/\{\s*action,/.test(text) && !PASS_THROUGH.includes(rel))
      problems.push(`${rel}: an audit action passed in a variable: list where its values come from`);
    for (const m of text.matchAll(/auditSignIn\(\s*[^,]+,\s*["']([^"']+)["']/g)) codes.add(m[1]);
  }
  for (const values of Object.values(DYNAMIC)) for (const code of values) codes.add(code);
  return { codes, problems };
}

type Tree = { [k: string]: string | Tree };
const labels = (locale: string) =>
  (
    (JSON.parse(readFileSync(`locales/${locale}/participants.json`, "utf8")) as Tree).audit as {
      actions: Record<string, string>;
    }
  ).actions;

describe("audit action labels", () => {
  const { codes, problems } = writtenCodes();

  it("finds the codes the code writes, and nothing it cannot read", () => {
    expect(problems).toEqual([]);
    // A sample of known writers, so a broken reader fails instead of finding nothing.
    for (const code of ["participant.created", "model.published", "model.republished", "auth.signedIn"])
      expect(codes).toContain(code);
    for (const code of codes) expect(code).toMatch(CODE);
  });

  it("offers every written code in the log's action filter, each once", () => {
    const missing = [...codes].filter((code) => !AUDIT_ACTIONS.includes(code)).sort();
    expect(missing).toEqual([]);
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
  });

  for (const locale of LOCALES) {
    it(`labels every code of the filter in ${locale}`, () => {
      const actions = labels(locale);
      expect(AUDIT_ACTIONS.filter((code) => !actions[code.replace(".", "_")]?.trim())).toEqual([]);
    });

    it(`labels every written code in ${locale}`, () => {
      const actions = labels(locale);
      // The page's key: the code's one dot becomes an underscore.
      const missing = [...codes].filter((code) => !actions[code.replace(".", "_")]?.trim()).sort();
      expect(missing).toEqual([]);
    });
  }
});
