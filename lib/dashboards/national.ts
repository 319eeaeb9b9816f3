import "server-only";
import type { Point } from "./definitions.ts";

/**
 * National figures to set a municipality's results against, shipped with the code (never fetched at run
 * time) and each traceable to where it was published. Update by hand when the publisher releases a new
 * year: add a line with its source; the README says how.
 *
 * They compare with the dashboard's "share in work or education" only at the follow-up point whose
 * definition matches theirs, and only for tenants of the same country.
 */
export type NationalFigure = {
  /** The year the group left the programme (SSB labels its table by the year of measurement, one later). */
  year: number;
  /** Per cent in work and/or education. */
  total: number;
  men?: number;
  women?: number;
  /** Where this figure was published. */
  url: string;
  /** A caveat for this one figure, in the publisher's language (shown with the source). */
  note?: string;
};

export type NationalSeries = {
  country: "NO" | "SE";
  /** The dashboard's follow-up point whose definition matches this figure. */
  point: Point;
  publisher: string;
  /** The publisher's name as a chart's label has room for. */
  short: string;
  /** The publisher's own title of the statistic. */
  title: string;
  /** The publisher's page for the statistic, where there is one. */
  url?: string;
  figures: NationalFigure[];
};

const SSB_TABLE =
  "https://www.ssb.no/utdanning/voksenopplaering/statistikk/introduksjonsordningen-for-nyankomne-innvandrere";

export const NATIONAL: NationalSeries[] = [
  {
    country: "NO",
    point: "MONTHS_12",
    publisher: "Statistisk sentralbyrå (SSB)",
    short: "SSB",
    title:
      "Introduksjonsordningen for nyankomne innvandrere: tidligere deltakere, sysselsatt og/eller under utdanning i november året etter endt introduksjonsprogram",
    url: SSB_TABLE,
    figures: [
      { year: 2005, total: 58, url: "https://www.utrop.no/nyheter/nytt/18252/" },
      { year: 2006, total: 65, url: "https://www.utrop.no/nyheter/nytt/18252/" },
      { year: 2007, total: 63, url: "https://www.utrop.no/nyheter/nytt/18252/" },
      { year: 2009, total: 55, url: "https://digib.no/7822" },
      {
        year: 2013,
        total: 62,
        men: 72,
        women: 50,
        url: "https://statbank.ssb.no/en/utdanning/statistikker/introinnv/aar-tidligere-deltakere/2015-12-21",
      },
      {
        year: 2014,
        total: 58,
        url: "https://www.dagbladet.no/nyheter/ssb-okning-i-andelen-innvandrere-i-jobb-eller-utdanning-etter-endt-introduksjonsprogram/69201173",
      },
      {
        year: 2015,
        total: 61,
        men: 71,
        women: 49,
        url: "https://www.imdi.no/arkiv/arkiverte-nyheter/nyheter-2017/introresultater-ett-ar-etter/",
      },
      {
        year: 2016,
        total: 62,
        men: 71,
        women: 50,
        url: "https://www.ssb.no/utdanning/statistikker/introinnv/aar-tidligere-deltakere",
      },
      {
        year: 2017,
        total: 63,
        url: "https://www.ssb.no/utdanning/artikler-og-publikasjoner/to-av-tre-i-arbeid-eller-utdanning-etter-endt-introduksjonsprogram",
      },
      {
        year: 2018,
        total: 66,
        men: 73,
        women: 48,
        url: "https://www.ssb.no/utdanning/artikler-og-publikasjoner/to-av-tre-i-arbeid-eller-utdanning-etter-endt-introduksjonsprogram",
      },
      {
        year: 2019,
        total: 62,
        url: `${SSB_TABLE}/artikler/flere-kvinner-og-menn-i-arbeid-eller-utdanning-etter-endt-introduksjonsprogram`,
      },
      {
        year: 2020,
        total: 60,
        men: 70,
        women: 50,
        url: `${SSB_TABLE}/artikler/flere-i-arbeid-eller-utdanning-etter-endt-introduksjonsprogram`,
        note: "Totalen er SSBs foreløpige tall.",
      },
      {
        year: 2021,
        total: 65,
        men: 75,
        women: 58,
        url: `${SSB_TABLE}/artikler/flere-i-arbeid-eller-utdanning-etter-endt-introduksjonsprogram`,
      },
      { year: 2022, total: 65, men: 73, women: 59, url: "https://www.ssb.no/introinnv" },
    ],
  },
  {
    country: "SE",
    point: "MONTHS_3",
    publisher: "Arbetsförmedlingen",
    short: "Arbetsförmedlingen",
    title: "Etableringsuppdraget: andel nyanlända i arbete eller studier 90 dagar efter avslutad etableringsplan",
    figures: [
      {
        year: 2017,
        total: 32,
        url: "https://arbetet.se/2018/11/02/fler-nyanlanda-far-jobb-2/",
        note: "Januari–oktober; ”knappt 32 procent”.",
      },
      {
        year: 2018,
        total: 44,
        url: "https://www.svt.se/nyheter/inrikes/storre-andel-nyanlanda-i-sverige-far-jobb",
        note: "Januari–oktober, hittills i år.",
      },
    ],
  },
];

export function nationalSeries(country: string): NationalSeries | undefined {
  return NATIONAL.find((s) => s.country === country);
}

/** The national figures to draw beside years of enrolment: those of the same years, else the latest before the last. */
export function nationalFor(series: NationalSeries, years: number[]): NationalFigure[] {
  const matching = series.figures.filter((f) => years.includes(f.year));
  if (matching.length > 0) return matching;
  const last = Math.max(...years);
  const before = series.figures.filter((f) => f.year <= last);
  return before.length ? [before[before.length - 1]] : [series.figures[series.figures.length - 1]];
}
