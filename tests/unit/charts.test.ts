import { describe, expect, it } from "vitest";
import i18next from "i18next";
import { barChart, lineChart } from "../../lib/charts/plot.ts";
import { breakdownChart, CHART_SHARES, nationalChart, overTimeChart } from "../../lib/charts/dashboard-charts.ts";
import { nationalFor, nationalSeries, NATIONAL } from "../../lib/dashboards/national.ts";
import { chartSizesFor } from "../../lib/http/client-hints.ts";
import { periodYears } from "../../lib/dashboards/filters.ts";
import { formatCell } from "../../lib/dashboards/format.ts";
import type { DisplayCell, DisplayTable } from "../../lib/dashboards/tables.ts";

const t = i18next.createInstance();
await t.init({ lng: "en", resources: {}, returnNull: false });
const common = { locale: "en" as const, t: t.t.bind(t) };

const share = (value: number | null, suppressed = false): DisplayCell => ({
  kind: "share",
  value: suppressed ? null : value,
  suppressed,
});
const count = (value: number, suppressed = false): DisplayCell => ({ kind: "count", value, suppressed });

/** A breakdown as buildTables makes it: enrolled, due, five categories, four shares. */
function breakdown(
  rows: { key: string; label: string; shares: [DisplayCell, DisplayCell, DisplayCell]; isTotal?: boolean }[],
): DisplayTable {
  return {
    id: "pilot",
    columns: [
      "enrolled",
      "due",
      "permanent",
      "temporary",
      "education",
      "other",
      "unknown",
      "shareWork",
      "sharePermanent",
      "shareWorkOrEducation",
      "shareUnknown",
    ],
    rows: rows.map((r) => ({
      key: r.key,
      label: r.label,
      isTotal: r.isTotal,
      cells: [count(10), count(10), count(5), count(0, true), count(5), count(0), count(0), ...r.shares, share(0)],
    })),
  };
}

describe("charts", () => {
  it("draw exactly the table's figures, hidden ones as the suppression mark and never as a bar", () => {
    const table = breakdown([
      { key: "a", label: "Pilot A", shares: [share(0.5), share(0.25), share(0.75)] },
      { key: "b", label: "Pilot B", shares: [share(null, true), share(null, true), share(0.9)] },
      { key: "total", label: "Total", isTotal: true, shares: [share(0.6), share(0.3), share(0.8)] },
    ]);
    const chart = breakdownChart("pilot", "By pilot", table, common);
    const fromTable = table.rows.flatMap((r) =>
      CHART_SHARES.map((c) => formatCell("en", r.cells[table.columns.indexOf(c)])),
    );
    expect(chart.data.map((d) => d[2])).toEqual(fromTable);
    expect(chart.data.filter((d) => d[2] === ":")).toHaveLength(2);
    for (const svg of Object.values(chart.svg)) {
      expect(svg).toMatch(/^<svg[^>]* role="img"/);
      expect(svg).toContain(">:</text>");
      // A hidden figure has no bar of any length: the bars drawn are those of the visible figures.
      expect(svg.match(/<rect /g)?.length).toBe(7);
    }
  });

  it("escape what users typed (names of pilots and organisations)", () => {
    const nasty = `<script>alert(1)</script>"><img src=x onerror=alert(2)>`;
    const svg = barChart({
      groups: [{ key: "x", label: nasty }],
      series: [
        { key: "s", label: "Share" },
        { key: "t", label: nasty },
      ],
      value: () => ({ value: 0.5, text: nasty }),
      percent: true,
      axisFormat: String,
      size: "wide",
      label: nasty,
    });
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain("<img");
    expect(svg).toContain("&lt;script&gt;");
    const lines = lineChart({
      x: [{ key: "2020", label: nasty }],
      series: [{ key: "s", label: nasty }],
      value: () => ({ value: 0.2, text: "x" }),
      axisFormat: String,
      size: "compact",
      label: nasty,
    });
    expect(lines).not.toContain("<script");
    expect(lines).not.toContain("<img");
  });

  it("leave a gap in a line where a figure is hidden", () => {
    const byYear: DisplayTable = breakdown([
      { key: "2019", label: "2019", shares: [share(0.5), share(0.2), share(0.6)] },
      { key: "2020", label: "2020", shares: [share(null, true), share(null, true), share(null, true)] },
      { key: "2021", label: "2021", shares: [share(0.7), share(0.3), share(0.8)] },
    ]);
    const chart = overTimeChart(byYear, "MONTHS_12", common);
    expect(chart.data.filter(([year]) => year === "2020").map((d) => d[2])).toEqual([":", ":", ":"]);
    // Three series, each a line broken into two pieces around 2020 and dots only where there is a figure.
    const paths = (chart.svg.wide ?? "").match(/<path [^>]*d="M[^"]*"/g) ?? [];
    expect(paths.some((p) => /M[^M]*M/.test(p))).toBe(true);
    expect(chart.legend?.map((l) => l.symbol)).toEqual(["circle", "square", "triangle"]);
  });
});

describe("a chart's table", () => {
  it("holds exactly the chart's numbers, series across and groups down, every label escaped", () => {
    const table = breakdown([
      { key: "a", label: `Pilot <b>"A"</b> & co`, shares: [share(0.5), share(0.25), share(0.75, true)] },
    ]);
    const chart = breakdownChart("pilot", "By pilot", table, common);
    expect(chart.table).toContain(`<caption class="sr-only">By pilot</caption>`);
    expect(chart.table).toContain(`<th scope="row">Pilot &lt;b&gt;&quot;A&quot;&lt;/b&gt; &amp; co</th>`);
    expect(chart.table).not.toContain("<b>");
    const body = chart.table.slice(chart.table.indexOf("<tbody"));
    const cells = [...body.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(cells).toEqual(chart.data.map((d) => d[2]));
    expect(cells).toHaveLength(3);
  });
});

describe("chart sizes", () => {
  it("are the one a Chromium browser says it needs (Sec-CH-UA-Mobile), else the one the User-Agent tells, else both", () => {
    expect(chartSizesFor("?1")).toEqual(["compact"]);
    expect(chartSizesFor("?0")).toEqual(["wide"]);
    expect(chartSizesFor(null)).toEqual(["compact", "wide"]);
    expect(chartSizesFor("yes")).toEqual(["compact", "wide"]);
    // The hint wins over the User-Agent (Chrome's "request desktop site" on a phone says ?0).
    expect(chartSizesFor("?0", "Mozilla/5.0 (Linux; Android 14) Mobile Safari/537.36")).toEqual(["wide"]);
    expect(
      chartSizesFor(
        null,
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
      ),
    ).toEqual(["compact"]);
    expect(chartSizesFor(null, "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0")).toEqual([
      "compact",
    ]);
    expect(chartSizesFor(null, "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0")).toEqual([
      "wide",
    ]);
    expect(
      chartSizesFor(
        null,
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
      ),
    ).toEqual(["wide"]);
    // Not a browser (a script, a checker): both.
    expect(chartSizesFor(null, "curl/8.5.0")).toEqual(["compact", "wide"]);
    expect(chartSizesFor(null, "")).toEqual(["compact", "wide"]);
  });

  it("draw only the sizes asked for, the same picture as when both are drawn", () => {
    const table = breakdown([{ key: "a", label: "Pilot A", shares: [share(0.5), share(0.25), share(0.75)] }]);
    const both = breakdownChart("pilot", "By pilot", table, common);
    expect(Object.keys(both.svg).sort()).toEqual(["compact", "wide"]);
    const wide = breakdownChart("pilot", "By pilot", table, { ...common, sizes: ["wide"] });
    expect(wide.svg).toEqual({ wide: both.svg.wide });
    const compact = breakdownChart("pilot", "By pilot", table, { ...common, sizes: ["compact"] });
    expect(compact.svg).toEqual({ compact: both.svg.compact });
    expect(compact.data).toEqual(both.data);
  });
});

describe("national figures", () => {
  it("are shipped with a source for every figure, in per cent", () => {
    for (const series of NATIONAL) {
      expect(series.figures.length).toBeGreaterThan(0);
      for (const f of series.figures) {
        expect(f.url).toMatch(/^https?:\/\//);
        expect(f.total).toBeGreaterThan(0);
        expect(f.total).toBeLessThanOrEqual(100);
      }
    }
    expect(nationalSeries("NO")?.figures.find((f) => f.year === 2022)).toMatchObject({ total: 65, men: 73, women: 59 });
  });

  it("are matched by year where the series has the year, else the latest of the period", () => {
    const ssb = nationalSeries("NO")!;
    expect(nationalFor(ssb, [2006, 2007, 2008]).map((f) => f.year)).toEqual([2006, 2007]);
    expect(nationalFor(ssb, [2010, 2011]).map((f) => f.year)).toEqual([2009]);
    expect(nationalFor(ssb, [2030]).map((f) => f.year)).toEqual([2022]);
    expect(periodYears({ from: "2018", to: "2020-Q2" })).toEqual([2018, 2019, 2020]);
    expect(periodYears({ from: "2018" })).toEqual([]);
  });

  it("stand beside the tenant's only at the follow-up point their definition matches, and for their own country", () => {
    const rows = [
      { key: "2018", label: "2018", year: 2018, cell: share(0.7) },
      { key: "2019", label: "2019", year: 2019, cell: share(null, true) },
    ];
    expect(
      nationalChart({ country: "NO", rows, ownLabel: "Inderøy", years: [], point: "MONTHS_3", common }),
    ).toMatchObject({ mismatch: "MONTHS_12" });
    expect(
      nationalChart({ country: "SE", rows, ownLabel: "Åre", years: [], point: "MONTHS_12", common }),
    ).toMatchObject({ mismatch: "MONTHS_3" });
    expect(nationalChart({ country: "DK", rows, ownLabel: "x", years: [], point: "MONTHS_12", common })).toBeNull();
    const chart = nationalChart({ country: "NO", rows, ownLabel: "Inderøy", years: [], point: "MONTHS_12", common });
    if (!chart || "mismatch" in chart) throw new Error("expected a chart");
    expect(chart.data.map((d) => d[2])).toEqual(["70%", "66%", ":", "62%"]);
    // Women and men against SSB's figures by sex: the latest year of the period that has them, none before 2013.
    const bySex = [
      { key: "FEMALE", label: "Woman", field: "women" as const, cell: share(0.55) },
      { key: "MALE", label: "Man", field: "men" as const, cell: share(null, true) },
    ];
    const sexes = nationalChart({
      country: "NO",
      rows: bySex,
      ownLabel: "Inderøy",
      years: [2018, 2019, 2020],
      point: "MONTHS_12",
      common,
    });
    if (!sexes || "mismatch" in sexes) throw new Error("expected a chart");
    expect(sexes.data).toEqual([
      ["Woman", "Inderøy", "55%"],
      ["Woman", "national.label 2020", "50%"],
      ["Man", "Inderøy", ":"],
      ["Man", "national.label 2020", "70%"],
    ]);
    expect(
      nationalChart({
        country: "NO",
        rows: bySex,
        ownLabel: "Verdal",
        years: [2006, 2007],
        point: "MONTHS_12",
        common,
      }),
    ).toBeNull();
    expect(chart.source?.links.map((l) => l.url)).toContain(
      "https://www.ssb.no/utdanning/artikler-og-publikasjoner/to-av-tre-i-arbeid-eller-utdanning-etter-endt-introduksjonsprogram",
    );
  });
});
