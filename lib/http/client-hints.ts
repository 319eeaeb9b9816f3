import { headers } from "next/headers";
import type { ChartSize } from "../charts/plot.ts";

/**
 * The chart sizes this request needs. Chromium-based browsers (Chrome, Edge, Samsung Internet, Opera) say with
 * every request whether they run on a phone — `Sec-CH-UA-Mobile`, a low-entropy client hint sent without being
 * asked — so they get only the phone's picture or only the wider one. Others (Firefox, Safari) say nothing and
 * get both; CSS shows the one that fits the screen. A desktop window made narrower than a phone scales the wider
 * picture down to fit (max-width: 100 %), and its numbers are in the table under it.
 */
export function chartSizesFor(mobile: string | null): ChartSize[] {
  if (mobile === "?1") return ["compact"];
  if (mobile === "?0") return ["wide"];
  return ["compact", "wide"];
}

export async function requestChartSizes(): Promise<ChartSize[]> {
  return chartSizesFor((await headers()).get("sec-ch-ua-mobile"));
}
