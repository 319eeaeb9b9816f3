import "server-only";
import { headers } from "next/headers";
import type { ChartSize } from "../charts/plot.ts";

/**
 * The chart sizes this request needs. Chromium-based browsers (Chrome, Edge, Samsung Internet, Opera) say with
 * every request whether they run on a phone — `Sec-CH-UA-Mobile`, a low-entropy client hint sent without being
 * asked. Firefox and Safari do not send it; for them the User-Agent's "Mobi" token decides, the test MDN
 * recommends for telling phones apart ("Mobile" in Safari on iPhone and Firefox for Android; an iPad's Safari
 * says it is a Mac and gets the wider picture, as an Android tablet's Chrome does). A request that says neither
 * (no User-Agent at all) gets both; CSS shows the one that fits the screen. A desktop window made narrower than
 * a phone scales the wider picture down to fit (max-width: 100 %), and its numbers are in the table under it.
 */
export function chartSizesFor(mobile: string | null, userAgent: string | null = null): ChartSize[] {
  if (mobile === "?1") return ["compact"];
  if (mobile === "?0") return ["wide"];
  if (userAgent && /Mozilla\//.test(userAgent)) return /Mobi/.test(userAgent) ? ["compact"] : ["wide"];
  return ["compact", "wide"];
}

export async function requestChartSizes(): Promise<ChartSize[]> {
  const h = await headers();
  return chartSizesFor(h.get("sec-ch-ua-mobile"), h.get("user-agent"));
}
