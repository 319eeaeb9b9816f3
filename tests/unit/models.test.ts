import { describe, expect, it } from "vitest";
import { AppError } from "../../lib/errors.ts";
import {
  librarySearchSchema,
  modelContentSchema,
  parseModelForm,
  resultsSnapshotSchema,
} from "../../lib/models/schemas.ts";
import { headlineCell, snapshotTables, toResultsSnapshot } from "../../lib/models/results-snapshot.ts";
import { buildTables, emptyRow } from "../../lib/dashboards/tables.ts";
import type { GroupedRow } from "../../lib/dashboards/indicators.ts";
import { mapCounts } from "../../lib/dashboards/definitions.ts";
import { KEY_SPACE } from "../../lib/dashboards/protection.ts";

function form(entries: [string, string][]) {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
}

const base: [string, string][] = [
  ["title", " Verdalsmodellen "],
  ["slug", "Verdal"],
  ["goal", "Fast arbeid"],
  ["summary", ""],
  ["targetGroups", "SETTLED_REFUGEE"],
  ["targetGroups", "YOUNG_ADULT"],
  ["targetGroups", "SETTLED_REFUGEE"],
  ["partnerRoles.0.organisationType", "PUBLIC_EMPLOYMENT_SERVICE"],
  ["partnerRoles.0.role", "Henviser og finansierer"],
  ["workingMethods", ""],
];

function fieldErrorsOf(call: () => unknown): Record<string, string> {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).fieldErrors ?? {};
  }
  throw new Error("expected a validation error");
}

describe("the model form", () => {
  it("parses flat fields and repeated rows, trimming and dropping blank rows", () => {
    const data = parseModelForm(
      form([
        ...base,
        ["partnerRoles.1.organisationType", ""],
        ["partnerRoles.1.role", "  "],
        ["partnerRoles.2.organisationType", "SOCIAL_ENTERPRISE"],
        ["partnerRoles.2.role", "Arbeidstrening"],
        ["pilots.0.kind", "WORKLIFE_LANGUAGE"],
        ["pilots.0.name", "Språk"],
        ["pilots.0.goal", ""],
        ["pilots.0.targetSharePercent", "75"],
      ]),
    );
    expect(data).toEqual({
      title: "Verdalsmodellen",
      slug: "verdal",
      goal: "Fast arbeid",
      summary: undefined,
      workingMethods: undefined,
      targetGroups: ["SETTLED_REFUGEE", "YOUNG_ADULT"],
      partnerRoles: [
        { organisationType: "PUBLIC_EMPLOYMENT_SERVICE", role: "Henviser og finansierer" },
        { organisationType: "SOCIAL_ENTERPRISE", role: "Arbeidstrening" },
      ],
      pilots: [{ kind: "WORKLIFE_LANGUAGE", name: "Språk", goal: undefined, targetSharePercent: 75 }],
    });
  });

  it("names the very field of the very row that needs attention, after dropped blank rows", () => {
    const errors = fieldErrorsOf(() =>
      parseModelForm(
        form([
          ...base.filter(([k]) => k !== "targetGroups"),
          ["partnerRoles.1.organisationType", ""],
          ["partnerRoles.1.role", ""],
          ["partnerRoles.2.organisationType", "UNION"],
          ["partnerRoles.2.role", ""],
          ["pilots.3.kind", "CUSTOM"],
          ["pilots.3.name", ""],
          ["pilots.3.targetSharePercent", "120"],
        ]),
      ),
    );
    expect(errors).toEqual({
      targetGroups: "models:form.chooseTargetGroup",
      "partnerRoles.2.role": "validation.required",
      "pilots.3.name": "validation.required",
      "pilots.3.targetSharePercent": "validation.range",
    });
  });

  it("asks for at least one partner role and a well-formed address", () => {
    const errors = fieldErrorsOf(() =>
      parseModelForm(
        form([...base.filter(([k]) => !k.startsWith("partnerRoles") && k !== "slug"), ["slug", "Not a slug!"]]),
      ),
    );
    expect(errors).toEqual({ partnerRoles: "models:form.needPartnerRole", slug: "models:form.slugFormat" });
    for (const slug of ["ab", "-verdal", "verdal-", "ver--dal", "a".repeat(64)]) {
      expect(
        Object.keys(fieldErrorsOf(() => parseModelForm(form([...base.filter(([k]) => k !== "slug"), ["slug", slug]])))),
      ).toEqual(["slug"]);
    }
  });

  it("ignores fields it does not know", () => {
    const data = parseModelForm(
      form([...base, ["partnerRoles.0.contactEmail", "x@example.test"], ["participants", "VER-0001"]]),
    );
    expect(JSON.stringify(data)).not.toContain("example.test");
    expect(JSON.stringify(data)).not.toContain("VER-0001");
  });
});

const snapshot = {
  computedAt: "2026-06-01T00:00:00.000Z",
  threshold: 5,
  point: "MONTHS_12",
  headline: { columns: ["enrolled"], cells: [{ kind: "count", value: 42, suppressed: false }] },
  overTime: {
    columns: ["due"],
    rows: [{ point: "MONTHS_12", cells: [{ kind: "count", value: null, suppressed: true }] }],
  },
};
const content = {
  country: "NO",
  language: "nb",
  goal: "Mål",
  targetGroups: ["IMMIGRANT"],
  partnerRoles: [{ organisationType: "SCHOOL", role: "Fagbrev" }],
  pilots: [{ kind: "CUSTOM", name: "P", goal: null, targetSharePercent: null }],
  workingMethods: null,
  results: snapshot,
};

describe("the stored content", () => {
  it("is an allow-list: no field beyond the model's own", () => {
    expect(modelContentSchema.safeParse(content).success).toBe(true);
    expect(modelContentSchema.safeParse({ ...content, participants: [] }).success).toBe(false);
    expect(
      modelContentSchema.safeParse({
        ...content,
        partnerRoles: [{ organisationType: "SCHOOL", role: "x", contactName: "Kari" }],
      }).success,
    ).toBe(false);
    expect(
      modelContentSchema.safeParse({ ...content, pilots: [{ ...content.pilots[0], organisationIds: ["c1"] }] }).success,
    ).toBe(false);
    expect(resultsSnapshotSchema.safeParse({ ...snapshot, byParticipant: [] }).success).toBe(false);
  });

  it("never stores a hidden figure's value", () => {
    const leaking = {
      ...snapshot,
      headline: { columns: ["enrolled"], cells: [{ kind: "count", value: 3, suppressed: true }] },
    };
    expect(resultsSnapshotSchema.safeParse(leaking).success).toBe(false);
  });
});

describe("the results snapshot", () => {
  const row = (enrolled: number, permanent: number, unknown: number) => {
    const r = emptyRow();
    r.enrolled = enrolled;
    r.exited = enrolled;
    r.points.MONTHS_12 = {
      ...r.points.MONTHS_12,
      due: permanent + unknown,
      permanent,
      unknown,
      permanentFullTime: permanent,
    };
    return r;
  };
  // Every cell key the largest: every count rounds down.
  const tables = (grouped: GroupedRow[]) =>
    buildTables({
      grouped: grouped.map((g) => ({ ...g, keys: mapCounts(g.row, () => KEY_SPACE - 1) })),
      point: "MONTHS_12",
      protection: { threshold: 5 },
      label: () => "",
      totalLabel: "",
    });

  it("keeps shown figures and drops the value of every hidden one", () => {
    const grouped: GroupedRow[] = [
      { dimension: "total", key: null, row: row(12, 9, 3) },
      { dimension: "pilot", key: "p1", row: row(12, 9, 3) },
    ];
    const result = toResultsSnapshot(tables(grouped), { computedAt: new Date("2026-06-01T00:00:00Z"), threshold: 5 });
    expect(headlineCell(result, "enrolled")).toEqual({ kind: "count", value: 10, suppressed: false });
    const cells = [...result.headline.cells, ...result.overTime.rows.flatMap((r) => r.cells)];
    expect(cells.some((c) => c.suppressed)).toBe(true);
    for (const c of cells) {
      if (c.suppressed) expect(c.value).toBeNull();
      if (c.kind === "count" && !c.suppressed)
        expect(c.value === 0 || ((c.value as number) >= 5 && (c.value as number) % 5 === 0)).toBe(true);
    }
    // 3 unknown is hidden, and due − permanent (10 − 5) does not give it away: both are rounded.
    const months12 = result.overTime.rows.find((r) => r.point === "MONTHS_12")!;
    const col = (name: string) => months12.cells[result.overTime.columns.indexOf(name as never)];
    expect(col("unknown")).toEqual({ kind: "count", value: null, suppressed: true });
    expect([col("due").value, col("permanent").value]).toEqual([10, 5]);
    expect(JSON.stringify(result)).not.toMatch(/"value":3\b/);
  });

  it("turns back into display tables that show only the mark for a hidden figure", () => {
    const display = snapshotTables(resultsSnapshotSchema.parse(snapshot));
    expect(display.headline.rows[0].cells[0]).toEqual({ kind: "count", value: 42, suppressed: false });
    expect(display.overTime.rows[0]).toMatchObject({ key: "MONTHS_12", cells: [{ kind: "count", suppressed: true }] });
  });
});

describe("the library search", () => {
  it("takes what it understands from the URL and ignores the rest", () => {
    expect(
      librarySearchSchema.parse({
        q: "  verdal ",
        country: "NO",
        targetGroup: "YOUNG_ADULT",
        pilotKind: "CUSTOM",
        page: "2",
      }),
    ).toEqual({ q: "verdal", country: "NO", targetGroup: "YOUNG_ADULT", pilotKind: "CUSTOM", page: 2 });
    expect(
      librarySearchSchema.parse({ q: "", country: "DK", targetGroup: "x", pilotKind: ["CUSTOM", "x"], page: "-1" }),
    ).toEqual({ q: undefined, country: undefined, targetGroup: undefined, pilotKind: "CUSTOM", page: 1 });
    expect(librarySearchSchema.parse({})).toEqual({
      q: undefined,
      country: undefined,
      targetGroup: undefined,
      pilotKind: undefined,
      page: 1,
    });
  });
});
