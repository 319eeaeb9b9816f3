import "server-only";
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { LRUCache } from "lru-cache";

/**
 * Charts drawn on the server with Observable Plot into static SVG (a DOM from linkedom stands in for the
 * browser's): no chart code is sent to the browser, the picture is in the first HTML (so it prints and
 * shows before or without JavaScript), and Plot draws the axes and layout we would otherwise hand-write.
 *
 * Every mark carries its number as text beside it and series differ by position, shape and dash as well
 * as colour, so a chart reads without colour (WCAG 1.4.1). The figures are those of the table under the
 * chart, protected ones included: a hidden figure is drawn as the suppression mark, never as a bar.
 */

export type ChartPoint = { value: number | null; text: string };
export type ChartItem = { key: string; label: string };

/** Colours with at least 4.5:1 against white, told apart by more than hue. */
const SERIES_COLOURS = ["#0b5e58", "#9a3412", "#4338ca", "#475569"];
const SYMBOLS = ["circle", "square", "triangle", "diamond"] as const;
const DASHES = [undefined, "6,3", "2,3", "8,3,2,3"];

/** How series i is drawn, for the legend. */
export function seriesStyle(i: number) {
  return {
    colour: SERIES_COLOURS[i % SERIES_COLOURS.length],
    symbol: SYMBOLS[i % SYMBOLS.length],
    dash: DASHES[i % DASHES.length],
  };
}

export type ChartSize = "compact" | "wide";
// The card's inner width on a 360 px phone, and in a column of the two-column grid on a laptop.
const WIDTH: Record<ChartSize, number> = { compact: 300, wide: 480 };
const FONT = 12;
const STYLE = { fontSize: `${FONT}px`, fontFamily: "inherit", color: "#0f172a", background: "transparent" };

function newDocument() {
  return parseHTML("<!doctype html><html><body></body></html>").document;
}

const escapeAttribute = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The SVG as markup, labelled for assistive technology as one image (the numbers are in the table). */
function serialise(svg: SVGSVGElement, label: string): string {
  // Plot names its groups for screen readers, but the whole chart is one image (ARIA forbids labels on
  // elements without a role, and its parts are presentational anyway).
  for (const part of svg.querySelectorAll("[aria-label], [aria-description]")) {
    part.removeAttribute("aria-label");
    part.removeAttribute("aria-description");
  }
  svg.removeAttribute("aria-label");
  // The DOM stand-in leaves < and > in attribute values as they are; this one is written escaped by hand.
  return compact(svg.outerHTML).replace(/^<svg/, `<svg role="img" aria-label="${escapeAttribute(label)}"`);
}

/**
 * The same picture in fewer bytes: coordinates to two decimals (Plot writes 309.59999999999997) and the style
 * block without its indentation. A dashboard carries each chart twice (phone and wider screen), and a server
 * component's markup twice again (the HTML and the payload React hydrates from), so this is paid four times.
 */
function compact(markup: string): string {
  return markup
    .replace(
      /="([^"]*)"/g,
      (_, value: string) => `="${value.replace(/(\d+\.\d\d)\d+/g, (n) => String(Number(Number(n).toFixed(2))))}"`,
    )
    .replace(/<style>([\s\S]*?)<\/style>/g, (_, css: string) => `<style>${css.replace(/\s*\n\s*/g, "")}</style>`);
}

/**
 * Drawing a chart (Plot and the DOM stand-in) costs a few milliseconds; the same chart is asked for again and
 * again (a dashboard seen by many, the same filters, the printable report). Kept per process by everything that
 * decides its picture — the numbers and texts, labels, size, and the axis format as it writes the axis's
 * values — and the least recently used dropped beyond 500 (lru-cache).
 */
const drawn = new LRUCache<string, string>({ max: 500 });
function cached(key: unknown, draw: () => string): string {
  const k = JSON.stringify(key);
  const hit = drawn.get(k);
  if (hit !== undefined) return hit;
  const svg = draw();
  drawn.set(k, svg);
  return svg;
}

/** The axis format as written on an axis from 0 to `max`. */
const formatPrint = (format: (v: number) => string, max: number) =>
  [0, 0.05, 0.1, 0.2, 0.25, 0.4, 0.5, 0.6, 0.75, 0.8, 1].map((f) => format(f * max));

/** A width in px as Plot's text measure (in ems) with room for the page's font, wider than Plot assumes. */
const ems = (px: number) => (px / FONT) * 0.9;

/** Roughly how wide a label is in px at the chart's font size. */
const textWidth = (s: string) => Math.ceil(s.length * FONT * 0.56);

/**
 * Horizontal bars: one block of bars per group (pilot, member municipality, …), one bar per series (share
 * in work, …) labelled on the left, the value at the bar's end. With one series the groups are the bars.
 */
export function barChart(options: {
  groups: ChartItem[];
  series: ChartItem[];
  value: (group: string, series: string) => ChartPoint;
  /** Shares run from 0 to 1; counts from 0 to the largest. */
  percent: boolean;
  axisFormat: (v: number) => string;
  size: ChartSize;
  label: string;
}): string {
  const { groups, series, value, percent, axisFormat, size, label } = options;
  const rows = groups.flatMap((g) =>
    series.map((s, i) => ({ group: g.key, groupLabel: g.label, series: s.label, index: i, ...value(g.key, s.key) })),
  );
  const max = percent ? 1 : Math.max(1, ...rows.map((r) => r.value ?? 0));
  return cached(["bar", groups, series, rows, max, formatPrint(axisFormat, max), size, label], () =>
    drawBars({ groups, series, rows, max, axisFormat, size, label }),
  );
}

type BarRow = { group: string; groupLabel: string; series: string; index: number } & ChartPoint;
type LinePoint = { x: string; series: string } & ChartPoint;

function drawBars(options: {
  groups: ChartItem[];
  series: ChartItem[];
  rows: BarRow[];
  max: number;
  axisFormat: (v: number) => string;
  size: ChartSize;
  label: string;
}): string {
  const { groups, series, rows, max, axisFormat, size, label } = options;
  const faceted = series.length > 1;
  const width = WIDTH[size];
  const axisLabels = faceted ? series.map((s) => s.label) : groups.map((g) => g.label);
  const marginLeft = Math.min(Math.round(width * 0.5), Math.max(...axisLabels.map(textWidth)) + 12);
  const barHeight = 22;
  const groupHeader = faceted ? 20 : 0;
  const height = faceted
    ? groups.length * (series.length * barHeight + groupHeader + 12) + 30
    : groups.length * (barHeight + 6) + 40;
  const y = faceted ? "series" : "groupLabel";

  const marks: Plot.Markish[] = [
    // A hidden figure gets no bar at all (its text, the suppression mark, is drawn below).
    Plot.barX(
      rows.filter((d) => d.value !== null),
      {
        x: "value",
        y,
        fy: faceted ? "group" : undefined,
        fill: faceted ? (d: BarRow) => seriesStyle(d.index).colour : seriesStyle(0).colour,
        insetTop: 2,
        insetBottom: 2,
      },
    ),
    Plot.text(rows, {
      x: (d: BarRow) => d.value ?? 0,
      y,
      fy: faceted ? "group" : undefined,
      text: "text",
      textAnchor: "start",
      dx: 4,
      fill: "#0f172a",
      fontSize: FONT,
      fontVariant: "tabular-nums",
    }),
    Plot.ruleX([0], { stroke: "#334155" }),
    // Long names end in an ellipsis rather than run off the chart; the table under it has them whole.
    Plot.axisY({ tickSize: 0, label: null, lineWidth: ems(marginLeft - 8), textOverflow: "ellipsis", fontSize: FONT }),
  ];
  if (faceted) {
    marks.push(
      Plot.text(groups, {
        fy: "key",
        text: "label",
        frameAnchor: "top-left",
        dx: -marginLeft + 2,
        dy: 2,
        fontWeight: "bold",
        fontSize: FONT,
        fill: "#0f172a",
        lineWidth: ems(width - 16),
        textOverflow: "ellipsis",
        stroke: "white",
        strokeWidth: 4,
      }),
    );
  }
  const svg = Plot.plot({
    document: newDocument(),
    width,
    height,
    marginLeft,
    marginRight: 44,
    marginTop: faceted ? 0 : 8,
    style: STYLE,
    // Every bar carries its value as text: a faceted chart keeps its axis but not a grid repeated in every facet.
    x: {
      domain: [0, max],
      percent: false,
      tickFormat: axisFormat,
      ticks: size === "compact" ? 3 : 5,
      label: null,
      grid: !faceted,
    },
    y: {
      label: null,
      domain: faceted ? series.map((s) => s.label) : groups.map((g) => g.label),
      insetTop: groupHeader,
      axis: null,
    },
    fy: faceted ? { domain: groups.map((g) => g.key), axis: null, padding: 0.05 } : undefined,
    marks,
  });
  return serialise(svg as unknown as SVGSVGElement, label);
}

/**
 * Lines over an ordered axis (enrolment years): one line per series with its own symbol and dash (the
 * legend, `seriesStyle`, is drawn as HTML beside the chart); gaps where a figure is hidden or not yet due.
 */
export function lineChart(options: {
  x: ChartItem[];
  series: ChartItem[];
  value: (x: string, series: string) => ChartPoint;
  axisFormat: (v: number) => string;
  size: ChartSize;
  label: string;
}): string {
  const { x, series, value, axisFormat, size, label } = options;
  const lines = series.map((s) => x.map((p) => ({ x: p.label, series: s.label, ...value(p.key, s.key) })));
  return cached(["line", x, series, lines, formatPrint(axisFormat, 1), size, label], () =>
    drawLines({ x, lines, axisFormat, size, label }),
  );
}

function drawLines(options: {
  x: ChartItem[];
  lines: LinePoint[][];
  axisFormat: (v: number) => string;
  size: ChartSize;
  label: string;
}): string {
  const { x, lines, axisFormat, size, label } = options;
  const width = WIDTH[size];
  const marks: Plot.Markish[] = [Plot.ruleY([0], { stroke: "#334155" })];
  lines.forEach((data, i) => {
    const { colour, symbol, dash } = seriesStyle(i);
    marks.push(
      Plot.lineY(data, {
        x: "x",
        y: (d: LinePoint) => d.value ?? NaN,
        stroke: colour,
        strokeWidth: 2,
        strokeDasharray: dash,
      }),
      Plot.dot(
        data.filter((d) => d.value !== null),
        { x: "x", y: "value", symbol, stroke: colour, fill: colour, r: 4 },
      ),
    );
  });
  const svg = Plot.plot({
    document: newDocument(),
    width,
    height: size === "compact" ? 240 : 300,
    marginLeft: 44,
    marginRight: 24,
    style: STYLE,
    x: { type: "point", domain: x.map((p) => p.label), label: null, padding: 0.3 },
    y: { domain: [0, 1], tickFormat: axisFormat, grid: true, label: null, ticks: 5 },
    marks,
  });
  return serialise(svg as unknown as SVGSVGElement, label);
}
