import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { locales, namespaces } from "../../lib/i18n/settings.ts";
import { resources } from "../../lib/i18n/resources.ts";

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  );
}

function lookup(tree: Tree, dotted: string): unknown {
  return dotted
    .split(".")
    .reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Tree)[part] : undefined), tree);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "generated" || name === "node_modules") return [];
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

describe("translations", () => {
  it("has one file per namespace in every language, and no others", () => {
    for (const locale of locales) {
      const files = readdirSync(path.join("locales", locale))
        .filter((f) => f.endsWith(".json"))
        .sort();
      expect(files).toEqual(namespaces.map((n) => `${n}.json`).sort());
    }
  });

  it("has the same keys in nb, sv and en", () => {
    for (const ns of namespaces) {
      const en = keys(resources.en[ns]).sort();
      for (const locale of locales) {
        expect({ locale, ns, keys: keys(resources[locale][ns]).sort() }).toEqual({ locale, ns, keys: en });
      }
    }
  });

  it("has no empty strings and the same {{placeholders}} in every language", () => {
    for (const ns of namespaces) {
      for (const key of keys(resources.en[ns])) {
        const placeholders = (s: string) => (s.match(/{{\s*\w+\s*}}/g) ?? []).sort();
        const en = lookup(resources.en[ns], key) as string;
        for (const locale of locales) {
          const value = lookup(resources[locale][ns], key) as string;
          expect(value.trim(), `${locale}/${ns}:${key}`).not.toBe("");
          expect(placeholders(value), `${locale}/${ns}:${key}`).toEqual(placeholders(en));
        }
      }
    }
  });

  it("has every literal key that the code asks for", () => {
    const missing: string[] = [];
    const files = ["app", "components", "lib"].flatMap(sourceFiles);
    for (const file of files) {
      const source = readFileSync(file, "utf8");
      // The namespaces a file's t() reads from, in order: getT(locale, ["home", "common"]) or useTranslation("auth").
      const declared = [...source.matchAll(/(?:getT\([^,)]+,\s*|useTranslation\()\s*(\[[^\]]*\]|"[^"]+")/g)].flatMap(
        (m) => [...m[1].matchAll(/"([a-z]+)"/g)].map((x) => x[1]),
      );
      const defaults = declared.length ? declared : ["common"];
      for (const match of source.matchAll(/\bt\(\s*"([^"$`{}]+)"/g)) {
        const literal = match[1];
        const [ns, key] = literal.includes(":") ? literal.split(":") : [undefined, literal];
        const candidates = ns ? [ns] : defaults;
        // A plural key exists as key_one / key_other.
        const has = (tree: Tree, k: string) =>
          typeof lookup(tree, k) === "string" || typeof lookup(tree, `${k}_other`) === "string";
        const found = candidates.some((n) =>
          locales.every((l) => has(resources[l][n as (typeof namespaces)[number]] ?? {}, key)),
        );
        if (!found) missing.push(`${file}: ${literal}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("has every validation message and namespaced message key that the code returns", () => {
    const missing: string[] = [];
    for (const file of ["app", "components", "lib"].flatMap(sourceFiles)) {
      const source = readFileSync(file, "utf8");
      for (const [, key] of source.matchAll(/"(validation\.[A-Za-z]+)"/g)) {
        if (locales.some((l) => typeof lookup(resources[l].errors, key) !== "string"))
          missing.push(`${file}: errors:${key}`);
      }
      for (const [, ns, key] of source.matchAll(/"(errors|participants|common|auth|home|enums):([A-Za-z.]+)"/g)) {
        if (locales.some((l) => typeof lookup(resources[l][ns as (typeof namespaces)[number]], key) !== "string"))
          missing.push(`${file}: ${ns}:${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
