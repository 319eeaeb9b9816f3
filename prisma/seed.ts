/**
 * Demo data built from the two real programmes (SINTEF's evaluation of Verdalsprosjektet, 2009, and the
 * Interreg project Inderøy–Åre, 2018–2020). Every person, code and story here is invented.
 * Idempotent: a demo tenant that already exists is left as it is.
 */
import { createHash } from "node:crypto";
import type { Db } from "../lib/db/client.ts";
import { withNewTenant, withTenant, type Tx } from "../lib/db/tenant.ts";
import { hashPassword } from "../lib/auth/password.ts";
import { Prisma } from "../lib/db/generated/client.ts";
import { storeRelease } from "../lib/releases/publish-release.ts";
import { latestDue } from "../lib/releases/schedule.ts";
import type {
  ActivityType,
  Country,
  Gender,
  Locale,
  OrganisationType,
  OutcomeStatus,
  PilotKind,
  TargetGroup,
  WorkingTime,
} from "../lib/db/generated/enums.ts";

export const DEMO_PASSWORD = "samspill-demo";

/** A small deterministic PRNG so the demo data is the same on every machine. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const today = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
};
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);
const thisMonth = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
};
const addMonths = (d: Date, n: number) => {
  const r = new Date(d);
  r.setUTCMonth(r.getUTCMonth() + n);
  return r;
};

type OrgSpec = { key: string; name: string; type: OrganisationType; sector?: string; role?: string };
type PilotSpec = {
  key: string;
  name: string;
  kind: PilotKind;
  goal: string;
  target?: number;
  start: string;
  end?: string;
  orgs: string[];
};
type PersonSpec = {
  name: string | null;
  gender: Gender | null;
  birthYear: number;
  targetGroup: TargetGroup;
  arrivalYear: number | null;
  languages: string[];
  pilot: string;
  start: Date;
  /** Months in the programme; null: still active. */
  months: number | null;
  final: OutcomeStatus | null;
  workingTime?: WorkingTime;
  employer?: string;
  practiceAt?: string;
  school?: string;
  /** Where the language training takes place (e.g. sfi at Komvux), and what it is. */
  languageAt?: string;
  languageNote?: string;
  /** Follow-up points already recorded; by default every point that has fallen due. */
  recordedPoints?: ("AT_EXIT" | "MONTHS_3" | "MONTHS_6" | "MONTHS_12")[];
};
type TenantSpec = {
  slug: string;
  name: string;
  country: Country;
  municipalityCode: string;
  locale: Locale;
  codePrefix: string;
  domain: string;
  partnerOrg: string;
  orgs: OrgSpec[];
  pilots: PilotSpec[];
  people: PersonSpec[];
};

const FIRST_NAMES = [
  "Amina",
  "Yonas",
  "Fatima",
  "Mohammed",
  "Hawa",
  "Tesfay",
  "Leyla",
  "Ali",
  "Nadia",
  "Samir",
  "Rahel",
  "Omar",
  "Sara",
  "Daniel",
  "Mariam",
  "Hassan",
  "Ayan",
  "Filmon",
  "Zahra",
  "Ibrahim",
  "Selam",
  "Kamal",
  "Dina",
  "Abdi",
  "Lina",
  "Jonas",
  "Ida",
  "Emil",
  "Nora",
  "Mathias",
  "Aisha",
  "Yusuf",
  "Hanna",
  "Tobias",
  "Rukia",
  "Elias",
];
const LETTERS = "ABDEFGHIJKLMNOPRSTUVY";

function person(rnd: () => number, i: number, withName: boolean): Pick<PersonSpec, "name" | "gender"> {
  const first = FIRST_NAMES[(i * 7 + Math.floor(rnd() * 5)) % FIRST_NAMES.length];
  const gender: Gender | null = rnd() < 0.08 ? null : FIRST_NAMES.indexOf(first) % 2 === 0 ? "FEMALE" : "MALE";
  return { name: withName ? `${first} ${LETTERS[Math.floor(rnd() * LETTERS.length)]}.` : null, gender };
}

// ----------------------------------------------------------------------------------------------- Verdal
const verdalBusinesses = [
  "Aker Verdal AS",
  "Coop Inn-Trøndelag",
  "Verdal Mekaniske AS",
  "Innherred Bygg AS",
  "Trones Verksted AS",
  "Verdal Hotell AS",
  "Vuku Sag AS",
  "Stiklestad Gartneri AS",
  "Ørmelen Bakeri AS",
  "Innherred Renhold AS",
  "Verdal Maling AS",
  "Leksdal Landbruksservice AS",
  "Vinne Elektro AS",
  "Trøndelag Transport AS",
  "Verdal Kafé og Catering AS",
  "Helgådal Omsorg AS",
];

function verdal(): TenantSpec {
  const rnd = random(2009);
  // Final status of the 42: the first 29 (enrolled 2006–2007) hold 25 in permanent work; 39 of all 42 end in
  // work or a vocational path, as in SINTEF's evaluation.
  const finals: OutcomeStatus[] = [
    ...Array<OutcomeStatus>(25).fill("PERMANENT_JOB"),
    "TEMPORARY_JOB",
    "TEMPORARY_JOB",
    "VOCATIONAL_TRAINING",
    "NOT_IN_WORK",
    ...Array<OutcomeStatus>(6).fill("PERMANENT_JOB"),
    "TEMPORARY_JOB",
    "TEMPORARY_JOB",
    "TEMPORARY_JOB",
    "VOCATIONAL_TRAINING",
    "VOCATIONAL_TRAINING",
    "NOT_IN_WORK",
    "UNKNOWN",
  ];
  // Shuffle within each cohort so pilots and statuses mix, deterministically.
  const shuffle = (a: OutcomeStatus[]) => {
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };
  const ordered = [...shuffle(finals.slice(0, 29)), ...shuffle(finals.slice(29))];
  const pilots = ["basics", "placement", "integration", "vocational"];
  const people: PersonSpec[] = ordered.map((final, i) => {
    const firstCohort = i < 29;
    const start = firstCohort
      ? addDays(day("2006-02-01"), Math.floor((i / 29) * 660))
      : addDays(day("2008-01-15"), (i - 29) * 20);
    const pilot = pilots[i % 4];
    const young = pilot === "vocational" && i % 8 === 3;
    const business = verdalBusinesses[i % verdalBusinesses.length];
    return {
      ...person(rnd, i, i % 3 !== 0),
      birthYear: young ? 1987 + (i % 3) : 1960 + Math.floor(rnd() * 26),
      targetGroup: young
        ? "YOUNG_ADULT"
        : i % 5 === 4
          ? "OTHER_FAR_FROM_WORK"
          : i % 2
            ? "IMMIGRANT"
            : "SETTLED_REFUGEE",
      arrivalYear: young || i % 5 === 4 ? null : 1995 + Math.floor(rnd() * 11),
      languages:
        young || i % 5 === 4
          ? ["nb"]
          : [
              ["so", "nb"],
              ["ti", "nb"],
              ["ar", "nb"],
              ["pl", "nb"],
              ["fa", "nb"],
            ][i % 5],
      pilot,
      start,
      months: 8 + Math.floor(rnd() * 7),
      final,
      workingTime:
        final === "PERMANENT_JOB" || final === "TEMPORARY_JOB" ? (rnd() < 0.8 ? "FULL_TIME" : "PART_TIME") : undefined,
      employer: business,
      practiceAt: business,
      school: "Verdal videregående skole",
    };
  });
  return {
    slug: "verdal",
    name: "Verdal kommune",
    country: "NO",
    municipalityCode: "5038",
    locale: "nb",
    codePrefix: "VER",
    domain: "verdal.demo",
    partnerOrg: "NAV Verdal",
    orgs: [
      {
        key: "Verdal kommune",
        name: "Verdal kommune",
        type: "MUNICIPALITY",
        sector: "Offentlig",
        role: "Prosjekteier og koordinator",
      },
      {
        key: "NAV Verdal",
        name: "NAV Verdal",
        type: "PUBLIC_EMPLOYMENT_SERVICE",
        sector: "Offentlig",
        role: "Henviser deltakere og finansierer tiltak",
      },
      {
        key: "Verdal videregående skole",
        name: "Verdal videregående skole",
        type: "SCHOOL",
        sector: "Utdanning",
        role: "Alternative løp i fagopplæringen",
      },
      { key: "NHO Trøndelag", name: "NHO Trøndelag", type: "EMPLOYER_ORG", role: "Forankring hos arbeidsgivere" },
      {
        key: "Fellesforbundet/LO Nord-Trøndelag",
        name: "Fellesforbundet/LO Nord-Trøndelag",
        type: "UNION",
        role: "Forankring på arbeidsplassene",
      },
      {
        key: "Verdal næringsforum",
        name: "Verdal næringsforum",
        type: "EMPLOYER_ORG",
        role: "Kontakt med lokale bedrifter",
      },
      ...verdalBusinesses.map((b) => ({
        key: b,
        name: b,
        type: "BUSINESS" as const,
        sector: "Privat",
        role: "Arbeidspraksis og rekruttering",
      })),
    ],
    pilots: [
      {
        key: "basics",
        name: "Arbeidslivskunnskap og arbeidsrettet norsk på arbeidsplassen",
        kind: "WORKLIFE_LANGUAGE",
        goal: "Norsk og arbeidslivskunnskap lært der arbeidet skjer",
        target: 75,
        start: "2006-01-01",
        orgs: ["Aker Verdal AS", "Coop Inn-Trøndelag", "Verdal kommune", "NAV Verdal"],
      },
      {
        key: "placement",
        name: "Utplassering og rekruttering",
        kind: "PLACEMENT_RECRUITMENT",
        goal: "Fast arbeid etter praksis i lokale bedrifter",
        target: 80,
        start: "2006-01-01",
        orgs: ["NAV Verdal", "Verdal næringsforum", "Aker Verdal AS"],
      },
      {
        key: "integration",
        name: "Partnerskapsbasert integrering i bedrifter – flerkulturelle kompetansekurs",
        kind: "WORKPLACE_INTEGRATION",
        goal: "Inkluderende arbeidsplasser med flerkulturell kompetanse",
        start: "2006-03-01",
        orgs: ["NHO Trøndelag", "Fellesforbundet/LO Nord-Trøndelag", "Coop Inn-Trøndelag", "NAV Verdal"],
      },
      {
        key: "vocational",
        name: "Alternative løp i fagopplæringen",
        kind: "ALTERNATIVE_VOCATIONAL",
        goal: "Fagbrev eller lærlingplass gjennom tilpassede løp",
        target: 70,
        start: "2006-08-01",
        orgs: ["Verdal videregående skole", "Aker Verdal AS", "NAV Verdal"],
      },
    ],
    people,
  };
}

// ------------------------------------------------------------------------------------- Inderøy and Åre
function inderoy(): TenantSpec {
  const rnd = random(2018);
  const finals: (OutcomeStatus | null)[] = [
    "PERMANENT_JOB",
    "TEMPORARY_JOB",
    "EDUCATION",
    "PERMANENT_JOB",
    "VOCATIONAL_TRAINING",
    "TEMPORARY_JOB",
    "NOT_IN_WORK",
    "PERMANENT_JOB",
    "EDUCATION",
    "TEMPORARY_JOB",
    "PERMANENT_JOB",
    "UNKNOWN",
    "EDUCATION",
    "PERMANENT_JOB",
    "TEMPORARY_JOB",
    "NOT_IN_WORK",
    "VOCATIONAL_TRAINING",
    "PERMANENT_JOB",
    null,
    null,
    null,
    null,
    null,
    null,
  ];
  const businesses = [
    "Flyndra",
    "Sakshaug Snekkeri AS",
    "Straumen Gårdsmat AS",
    "Inderøy Helsetun",
    "Mosvik Trebruk AS",
  ];
  const pilots = ["flyndra", "mentor", "youth"];
  return {
    slug: "inderoy",
    name: "Inderøy kommune",
    country: "NO",
    municipalityCode: "5053",
    locale: "nb",
    codePrefix: "IND",
    domain: "inderoy.demo",
    partnerOrg: "NAV Inn-Trøndelag",
    orgs: [
      {
        key: "Inderøy kommune",
        name: "Inderøy kommune",
        type: "MUNICIPALITY",
        role: "Prosjekteier, flyktningtjenesten",
      },
      {
        key: "NAV Inn-Trøndelag",
        name: "NAV Inn-Trøndelag",
        type: "PUBLIC_EMPLOYMENT_SERVICE",
        role: "Henviser og følger opp",
      },
      { key: "Frivillig Inderøy", name: "Frivillig Inderøy", type: "VOLUNTEER_ORG", role: "Mentorer og nettverk" },
      { key: "Flyndra", name: "Flyndra", type: "SOCIAL_ENTERPRISE", role: "Arbeidstrening i sosialt entreprenørskap" },
      {
        key: "Inderøy videregående skole",
        name: "Inderøy videregående skole",
        type: "SCHOOL",
        role: "Opplæring og fagbrev",
      },
      ...businesses.slice(1).map((b) => ({ key: b, name: b, type: "BUSINESS" as const, role: "Arbeidspraksis" })),
    ],
    pilots: [
      {
        key: "flyndra",
        name: "Arbeidstrening i Flyndra",
        kind: "WORKPLACE_INTEGRATION",
        goal: "Arbeidserfaring og referanser gjennom sosialt entreprenørskap",
        target: 70,
        start: "2018-09-01",
        orgs: ["Flyndra", "NAV Inn-Trøndelag"],
      },
      {
        key: "mentor",
        name: "Språk og mentor med frivillige",
        kind: "WORKLIFE_LANGUAGE",
        goal: "Norsk i hverdag og arbeid med frivillig mentor",
        start: "2018-09-01",
        orgs: ["Frivillig Inderøy", "Inderøy kommune"],
      },
      {
        key: "youth",
        name: "Ung vei tilbake – skole og arbeid",
        kind: "ALTERNATIVE_VOCATIONAL",
        goal: "Unge voksne tilbake i videregående eller arbeid",
        target: 65,
        start: "2019-01-01",
        orgs: ["Inderøy videregående skole", "NAV Inn-Trøndelag"],
      },
    ],
    people: finals.map((final, i) => {
      // Two recent exits, relative to the day the seed runs, so the follow-up list has something due this
      // month and overdue.
      const recent = i === 18 || i === 19;
      if (recent) final = i === 18 ? "TEMPORARY_JOB" : "PERMANENT_JOB";
      const active = final === null;
      const young = i % 4 === 2;
      const business = businesses[i % businesses.length];
      return {
        ...person(rnd, i + 5, i % 2 === 0),
        birthYear: young ? 1998 + (i % 4) : 1970 + Math.floor(rnd() * 25),
        targetGroup: young ? "YOUNG_ADULT" : i % 6 === 5 ? "OTHER_FAR_FROM_WORK" : "SETTLED_REFUGEE",
        arrivalYear: young || i % 6 === 5 ? null : 2014 + Math.floor(rnd() * 4),
        languages:
          young || i % 6 === 5
            ? ["nb"]
            : [
                ["ar", "nb"],
                ["ti", "nb"],
                ["prs", "nb"],
                ["so", "en"],
              ][i % 4],
        pilot: young ? "youth" : pilots[i % 2],
        // The people still in the programme started 3 weeks to 7 months before the day the seed runs, so their
        // activities are under way (or about to start) whenever someone tries the demo.
        start: recent
          ? addMonths(thisMonth(), i === 18 ? -11 : -9)
          : active
            ? addDays(today(), -(21 + (23 - i) * 45))
            : addDays(day("2018-10-01"), i * 37),
        months: recent ? 6 : active ? null : 9 + Math.floor(rnd() * 6),
        final,
        recordedPoints: recent ? ["AT_EXIT" as const] : undefined,
        workingTime:
          final === "PERMANENT_JOB" || final === "TEMPORARY_JOB" ? (i % 3 ? "FULL_TIME" : "PART_TIME") : undefined,
        employer: business,
        practiceAt: business,
        school: "Inderøy videregående skole",
      };
    }),
  };
}

function are(): TenantSpec {
  const rnd = random(2020);
  // 20 settled refugees, 17 of them (85 %) in work or education at follow-up; 6 young adults besides.
  const refugeeFinals: OutcomeStatus[] = [
    ...Array<OutcomeStatus>(8).fill("PERMANENT_JOB"),
    ...Array<OutcomeStatus>(4).fill("TEMPORARY_JOB"),
    ...Array<OutcomeStatus>(4).fill("EDUCATION"),
    "VOCATIONAL_TRAINING",
    "NOT_IN_WORK",
    "NOT_IN_WORK",
    "UNKNOWN",
  ];
  const youngFinals: OutcomeStatus[] = [
    "EDUCATION",
    "TEMPORARY_JOB",
    "EDUCATION",
    "NOT_IN_WORK",
    "PERMANENT_JOB",
    "VOCATIONAL_TRAINING",
  ];
  const businesses = ["Åre Fjällhotell AB", "Duved Bygg AB", "Järpens Livs AB", "Undersåker Vård AB"];
  const people: PersonSpec[] = [...refugeeFinals, ...youngFinals].map((final, i) => {
    const young = i >= refugeeFinals.length;
    const business = businesses[i % businesses.length];
    return {
      ...person(rnd, i + 11, i % 2 === 1),
      birthYear: young ? 1997 + (i % 4) : 1968 + Math.floor(rnd() * 28),
      targetGroup: young ? "YOUNG_ADULT" : "SETTLED_REFUGEE",
      arrivalYear: young ? null : 2013 + Math.floor(rnd() * 5),
      languages: young
        ? ["sv"]
        : [
            ["ar", "sv"],
            ["ti", "sv"],
            ["so", "sv"],
            ["prs", "sv"],
          ][i % 4],
      pilot: i % 2 ? "matching" : "language",
      start: addDays(day("2018-09-15"), i * 29),
      months: 8 + Math.floor(rnd() * 8),
      final,
      workingTime:
        final === "PERMANENT_JOB" || final === "TEMPORARY_JOB" ? (i % 4 ? "FULL_TIME" : "PART_TIME") : undefined,
      employer: business,
      practiceAt: business,
      school: "Komvux Åre",
    };
  });
  // Today's caseload, relative to the day the seed runs (as in Inderøy), so Åre's demo is alive too: five people
  // in the programme now, with sfi and praktik under way, and three who left recently, two of them with a
  // follow-up overdue and one with a follow-up due this month. Their own PRNG keeps the 26 above unchanged.
  const rndNow = random(2025);
  const current: PersonSpec[] = [
    { targetGroup: "SETTLED_REFUGEE", languages: ["ar", "sv"], pilot: "language", daysAgo: 21, sfi: "Sfi, kurs B" },
    { targetGroup: "SETTLED_REFUGEE", languages: ["ti", "sv"], pilot: "matching", daysAgo: 60, sfi: "Sfi, kurs C" },
    { targetGroup: "SETTLED_REFUGEE", languages: ["so", "sv"], pilot: "language", daysAgo: 105, sfi: "Sfi, kurs C" },
    { targetGroup: "IMMIGRANT", languages: ["prs", "sv"], pilot: "matching", daysAgo: 150, sfi: "Sfi, kurs D" },
    { targetGroup: "SETTLED_REFUGEE", languages: ["ar", "sv"], pilot: "language", daysAgo: 200, sfi: "Sfi, kurs D" },
  ].map((c, i) => ({
    ...person(rndNow, i + 31, i % 2 === 0),
    birthYear: 1975 + Math.floor(rndNow() * 25),
    targetGroup: c.targetGroup as TargetGroup,
    arrivalYear: 2022 + (i % 3),
    languages: c.languages,
    pilot: c.pilot,
    start: addDays(today(), -c.daysAgo),
    months: null,
    final: null,
    practiceAt: businesses[i % businesses.length],
    school: "Komvux Åre",
    languageAt: "Komvux Åre",
    languageNote: c.sfi,
  }));
  // Exits 5, 4 and 3 months before this month: +3 months fell due two months ago and last month (overdue) and
  // falls due this month. Not settled refugees, so the Interreg cohort's 85 % above stays as it was.
  const recent: PersonSpec[] = [
    { targetGroup: "IMMIGRANT", final: "TEMPORARY_JOB", exitMonthsAgo: 5, languages: ["ti", "sv"] },
    { targetGroup: "IMMIGRANT", final: "PERMANENT_JOB", exitMonthsAgo: 4, languages: ["ar", "sv"] },
    { targetGroup: "YOUNG_ADULT", final: "EDUCATION", exitMonthsAgo: 3, languages: ["sv"] },
  ].map((r, i) => {
    const business = businesses[(i + 1) % businesses.length];
    return {
      ...person(rndNow, i + 37, i % 2 === 1),
      birthYear: r.targetGroup === "YOUNG_ADULT" ? 2003 : 1980 + Math.floor(rndNow() * 20),
      targetGroup: r.targetGroup as TargetGroup,
      arrivalYear: r.targetGroup === "YOUNG_ADULT" ? null : 2021 + i,
      languages: r.languages,
      pilot: i % 2 ? "language" : "matching",
      start: addMonths(thisMonth(), -(r.exitMonthsAgo + 6)),
      months: 6,
      final: r.final as OutcomeStatus,
      recordedPoints: ["AT_EXIT" as const],
      workingTime: r.final === "EDUCATION" ? undefined : "FULL_TIME",
      employer: business,
      practiceAt: business,
      school: "Komvux Åre",
      languageAt: r.targetGroup === "YOUNG_ADULT" ? undefined : "Komvux Åre",
      languageNote: r.targetGroup === "YOUNG_ADULT" ? undefined : "Sfi, kurs D",
    };
  });
  people.push(...current, ...recent);
  return {
    slug: "are",
    name: "Åre kommun",
    country: "SE",
    municipalityCode: "2321",
    locale: "sv",
    codePrefix: "ARE",
    domain: "are.demo",
    partnerOrg: "Arbetsförmedlingen Åre",
    orgs: [
      { key: "Åre kommun", name: "Åre kommun", type: "MUNICIPALITY", role: "Projektägare, integrationsenheten" },
      {
        key: "Arbetsförmedlingen Åre",
        name: "Arbetsförmedlingen Åre",
        type: "PUBLIC_EMPLOYMENT_SERVICE",
        role: "Anvisar och följer upp",
      },
      { key: "Komvux Åre", name: "Komvux Åre", type: "SCHOOL", role: "Sfi och yrkesutbildning" },
      { key: "Åre Föreningsråd", name: "Åre Föreningsråd", type: "VOLUNTEER_ORG", role: "Språkvänner och nätverk" },
      ...businesses.map((b) => ({ key: b, name: b, type: "BUSINESS" as const, role: "Praktik och rekrytering" })),
    ],
    pilots: [
      {
        key: "language",
        name: "Språk i arbete",
        kind: "WORKLIFE_LANGUAGE",
        goal: "Svenska på arbetsplatsen kombinerat med sfi",
        target: 80,
        start: "2018-09-01",
        orgs: ["Komvux Åre", "Åre Fjällhotell AB"],
      },
      {
        key: "matching",
        name: "Matchning och rekrytering",
        kind: "PLACEMENT_RECRUITMENT",
        goal: "Arbete eller studier inom 90 dagar efter avslutad plan",
        target: 85,
        start: "2018-09-01",
        orgs: ["Arbetsförmedlingen Åre", "Duved Bygg AB", "Järpens Livs AB"],
      },
    ],
    people,
  };
}

// ------------------------------------------------------------------------------------------- writing
const JOB: OutcomeStatus[] = ["PERMANENT_JOB", "TEMPORARY_JOB"];

async function writeTenantData(tx: Tx, tenantId: string, spec: TenantSpec, coordinatorId: string, adminId: string) {
  const orgIds = new Map<string, string>();
  for (const o of spec.orgs) {
    const org = await tx.organisation.create({
      data: {
        tenantId,
        name: o.name,
        type: o.type,
        sector: o.sector,
        partnershipRole: o.role,
        agreementStart: day(spec.pilots[0].start),
      },
    });
    orgIds.set(o.key, org.id);
  }
  const pilotIds = new Map<string, string>();
  for (const p of spec.pilots) {
    const pilot = await tx.pilot.create({
      data: {
        tenantId,
        name: p.name,
        kind: p.kind,
        goal: p.goal,
        targetSharePercent: p.target,
        startDate: day(p.start),
        status: "ACTIVE",
        organisations: { create: p.orgs.map((key) => ({ organisationId: orgIds.get(key)! })) },
      },
    });
    pilotIds.set(p.key, pilot.id);
  }
  const referrer = orgIds.get(spec.partnerOrg)!;
  let n = 0;
  for (const p of spec.people) {
    n += 1;
    const code = `${spec.codePrefix}-${String(n).padStart(4, "0")}`;
    const exit = p.months === null ? null : addMonths(p.start, p.months);
    const participant = await tx.participant.create({
      data: {
        tenantId,
        code,
        name: p.name,
        gender: p.gender,
        birthYear: p.birthYear,
        targetGroup: p.targetGroup,
        arrivalYear: p.arrivalYear,
        languages: p.languages,
        coordinatorId,
        status: exit ? "COMPLETED" : "ACTIVE",
        consents: {
          create: [
            { purpose: "FOLLOW_UP", givenAt: p.start, recordedById: coordinatorId },
            { purpose: "STATISTICS", givenAt: p.start, recordedById: coordinatorId },
            {
              purpose: "PARTNER_SHARING",
              partnerOrganisationId: referrer,
              givenAt: p.start,
              recordedById: coordinatorId,
            },
          ],
        },
      },
    });
    const enrolment = await tx.enrolment.create({
      data: {
        tenantId,
        participantId: participant.id,
        pilotId: pilotIds.get(p.pilot)!,
        startDate: p.start,
        exitDate: exit,
        // Invented people: a record key from the demo's own identifiers, so the shared figures of the demo are
        // the same on every machine (real enrolments draw theirs at random in the database).
        recordKey:
          createHash("sha256").update(`samspill-demo:${spec.codePrefix}:${code}:${p.pilot}`).digest().readUInt16BE(0) %
          4096,
        exitReason: exit
          ? p.final && JOB.includes(p.final)
            ? "GOT_JOB"
            : p.final === "EDUCATION" || p.final === "VOCATIONAL_TRAINING"
              ? "STARTED_EDUCATION"
              : "COMPLETED"
          : null,
      },
    });
    const base = { tenantId, participantId: participant.id, enrolmentId: enrolment.id, createdById: coordinatorId };
    const practiceStart = addDays(p.start, 45);
    const practiceEnd = exit ? addDays(exit, -30) : null;
    const steps: { type: ActivityType; start: Date; end: Date | null; org?: string; hours?: number; note?: string }[] =
      [
        {
          type: "INTAKE",
          start: p.start,
          end: addDays(p.start, 14),
          org: spec.orgs[0].key,
          note: spec.locale === "sv" ? "Kartläggning och planering" : "Kartlegging og plan",
        },
        {
          type: "LANGUAGE_TRAINING",
          start: addDays(p.start, 14),
          end: practiceEnd,
          org: p.languageAt,
          hours: 8,
          note: p.languageNote,
        },
        { type: "WORK_PRACTICE", start: practiceStart, end: practiceEnd, org: p.practiceAt, hours: 22.5 },
        { type: "MENTORING", start: addDays(p.start, 30), end: exit, hours: 2 },
      ];
    if (p.final === "VOCATIONAL_TRAINING" || p.pilot === "vocational" || p.pilot === "youth") {
      steps.push({ type: "VOCATIONAL_TRAINING", start: addDays(p.start, 90), end: exit, org: p.school, hours: 30 });
    }
    if (exit && p.final && JOB.includes(p.final)) {
      steps.push({
        type: "EMPLOYMENT",
        start: exit,
        end: p.final === "TEMPORARY_JOB" ? addMonths(exit, 9) : null,
        org: p.employer,
        hours: p.workingTime === "PART_TIME" ? 20 : 37.5,
      });
    }
    if (exit && p.final === "EDUCATION")
      steps.push({ type: "EDUCATION", start: exit, end: null, org: p.school, hours: 30 });
    if (exit && (p.final === "NOT_IN_WORK" || p.final === "UNKNOWN"))
      steps.push({ type: "JOB_SEEKING", start: addDays(exit, -60), end: exit });
    const now = new Date();
    await tx.activity.createMany({
      data: steps.map((s) => ({
        ...base,
        type: s.type,
        startDate: s.start,
        endDate: s.end,
        status: s.start > now ? "PLANNED" : s.end && s.end <= now ? "COMPLETED" : "ONGOING",
        organisationId: s.org ? (orgIds.get(s.org) ?? null) : null,
        hoursPerWeek: s.hours ?? null,
        note: s.note ?? null,
      })),
    });
    if (exit && p.final) {
      const atExit: OutcomeStatus = p.final === "PERMANENT_JOB" && n % 3 === 0 ? "TEMPORARY_JOB" : p.final;
      const points = [
        { point: "AT_EXIT" as const, status: atExit, at: exit },
        { point: "MONTHS_3" as const, status: atExit, at: addMonths(exit, 3) },
        { point: "MONTHS_6" as const, status: p.final, at: addMonths(exit, 6) },
        { point: "MONTHS_12" as const, status: p.final, at: addMonths(exit, 12) },
      ].filter((o) => (p.recordedPoints ? p.recordedPoints.includes(o.point) : o.at <= now));
      await tx.outcome.createMany({
        data: points.map((o) => ({
          ...base,
          point: o.point,
          status: o.status,
          observedAt: o.at,
          workingTime: JOB.includes(o.status) ? (p.workingTime ?? "FULL_TIME") : null,
          organisationId: JOB.includes(o.status)
            ? (orgIds.get(p.employer!) ?? null)
            : o.status === "EDUCATION" || o.status === "VOCATIONAL_TRAINING"
              ? (orgIds.get(p.school!) ?? null)
              : null,
        })),
      });
    }
  }
  await tx.participantCodeCounter.create({ data: { tenantId, next: n + 1 } });
  await tx.auditEvent.create({
    data: {
      tenantId,
      actorId: adminId,
      action: "tenant.seeded",
      entityType: "Tenant",
      entityId: tenantId,
      details: { participants: n },
    },
  });
  return { organisations: orgIds, referrer };
}

export async function seedDemoData(client: Db, log: (m: string) => void = () => undefined) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const created: string[] = [];
  for (const spec of [verdal(), inderoy(), are()]) {
    if (await client.tenant.findUnique({ where: { slug: spec.slug } })) continue;
    const people =
      spec.locale === "sv"
        ? {
            admin: ["admin", "Birgitta Lind"],
            coordinator: ["koordinator", "Karin Ström"],
            partner: ["partner", "Per Holm"],
          }
        : {
            admin: ["admin", "Ingrid Aune"],
            coordinator: ["koordinator", "Kari Vold"],
            partner: ["partner", "Ola Berg"],
          };
    const seeded = await withNewTenant(
      (tx) =>
        tx.tenant.create({
          data: {
            slug: spec.slug,
            name: spec.name,
            country: spec.country,
            municipalityCode: spec.municipalityCode,
            defaultLocale: spec.locale,
            codePrefix: spec.codePrefix,
          },
        }),
      async (tx, tenantId) => {
        const users = {} as Record<"admin" | "coordinator" | "partner", string>;
        for (const [key, [local, name]] of Object.entries(people) as [keyof typeof users, string[]][]) {
          const email = `${local}@${spec.domain}`;
          const user = await tx.user.upsert({ where: { email }, update: {}, create: { email, name, passwordHash } });
          users[key] = user.id;
        }
        const { referrer } = await writeTenantData(tx, tenantId, spec, users.coordinator, users.admin);
        await tx.membership.createMany({
          data: [
            { tenantId, userId: users.admin, role: "TENANT_ADMIN" },
            { tenantId, userId: users.coordinator, role: "COORDINATOR" },
            { tenantId, userId: users.partner, role: "PARTNER_VIEWER", organisationId: referrer },
          ],
        });
      },
      { client, timeoutMs: 120_000 },
    ).then(
      () => true,
      (error) => {
        // Another seed run created this tenant at the same moment (the unique slug decided): leave it to that run.
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return false;
        throw error;
      },
    );
    if (!seeded) continue;
    created.push(spec.slug);
    log(`[seed] ${spec.name}: ${spec.people.length} participants`);
  }
  // Neighbouring municipalities in Innherred share a coordinator: one account, two workspaces.
  const shared = await client.user.findUnique({ where: { email: "koordinator@inderoy.demo" } });
  const verdalTenant = await client.tenant.findUnique({ where: { slug: "verdal" } });
  if (shared && verdalTenant && created.includes("verdal")) {
    await withTenant(
      { tenantId: verdalTenant.id },
      (tx) => tx.membership.create({ data: { tenantId: verdalTenant.id, userId: shared.id, role: "COORDINATOR" } }),
      { client },
    );
  }

  // The platform operator, who approves new municipalities when ONBOARDING_MODE=approval.
  await client.user.upsert({
    where: { email: "drift@samspill.demo" },
    update: {},
    create: { email: "drift@samspill.demo", name: "Samspill drift", passwordHash, platformAdmin: true },
  });

  const partnershipSlug = "inderoy-are";
  if (!(await client.partnership.findUnique({ where: { slug: partnershipSlug } }))) {
    const inderoy = await client.tenant.findUnique({ where: { slug: "inderoy" }, select: { id: true } });
    const are = await client.tenant.findUnique({ where: { slug: "are" }, select: { id: true } });
    if (inderoy && are) {
      // As the app does it, under row-level security: Inderøy starts the partnership, invites Åre through the
      // database's invitation path, and Åre's own transaction joins and shares.
      const joined = day("2018-09-01");
      const started = await withTenant(
        { tenantId: inderoy.id },
        async (tx) => {
          const partnership = await tx.partnership.create({
            data: {
              slug: partnershipSlug,
              name: "Inderøy–Åre (Interreg Sverige–Norge)",
              description:
                "Samarbeidsmodell mellom kommune, frivillige, næringsliv, NAV/Arbetsförmedlingen, sosiale entreprenører, skoler og fagforeninger (2018–2020).",
              members: { create: { tenantId: inderoy.id, status: "ACTIVE", sharesIndicators: true, joinedAt: joined } },
            },
          });
          await tx.$queryRaw`select samspill_invite_partnership_member(${partnership.id}, 'are')`;
          return partnership;
        },
        { client },
      ).catch((error) => {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return null;
        throw error;
      });
      if (started) {
        await withTenant(
          { tenantId: are.id },
          (tx) =>
            tx.partnershipMember.updateMany({
              where: { partnershipId: started.id, tenantId: are.id },
              data: { status: "ACTIVE", sharesIndicators: true, joinedAt: joined },
            }),
          { client },
        );
        log("[seed] partnership Inderøy–Åre");
      }
    }
  }
  await seedReleases(client);
  await seedModels(client);
  return created;
}

/**
 * The demo municipalities publish monthly: last month's release and this month's, as the release job would
 * have taken them (partners see "Figures as of 1 <this month>" and can open the one before).
 */
export async function seedReleases(client: Db, now = new Date()) {
  for (const slug of ["verdal", "inderoy", "are"]) {
    const tenant = await client.tenant.findUnique({ where: { slug }, select: { id: true } });
    if (!tenant) continue;
    await withTenant(
      { tenantId: tenant.id },
      async (tx) => {
        if (await tx.release.findFirst({ where: { tenantId: tenant.id }, select: { id: true } })) return;
        await tx.tenant.update({ where: { id: tenant.id }, data: { releaseSchedule: "MONTHLY" } });
        const current = latestDue("MONTHLY", now);
        const previous = latestDue("MONTHLY", new Date(current.getTime() - 1));
        for (const asOf of [previous, current])
          await storeRelease(tx, { tenantId: tenant.id, asOf, kind: "SCHEDULED", publishedById: null });
      },
      { client },
    ).catch((error: unknown) => {
      // Another process seeding at the same moment published them first.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return;
      throw error;
    });
  }
}

// ------------------------------------------------------------------------------ collaboration models
type DemoModel = { tenant: string; domain: string; model: import("../lib/models/schemas.ts").ModelInput };

function demoModels(): DemoModel[] {
  const pilots = (spec: TenantSpec) =>
    spec.pilots.map((p) => ({ kind: p.kind, name: p.name, goal: p.goal, targetSharePercent: p.target }));
  return [
    {
      tenant: "verdal",
      domain: "verdal.demo",
      model: {
        title: "Verdalsmodellen – kvalifisering på arbeidsplassen",
        summary:
          "Kommune, NAV, lokale bedrifter, videregående skole og partene i arbeidslivet kvalifiserer innvandrere til fast arbeid gjennom fire utviklingspiloter, med opplæringen lagt til arbeidsplassen.",
        slug: "verdal",
        goal: "Få innvandrere, flyktninger og unge voksne som står langt fra arbeidslivet over i fast arbeid eller fagbrev, gjennom et forpliktende samarbeid der opplæringen skjer der arbeidet skjer.",
        targetGroups: ["SETTLED_REFUGEE", "IMMIGRANT", "YOUNG_ADULT", "OTHER_FAR_FROM_WORK"],
        partnerRoles: [
          {
            organisationType: "MUNICIPALITY",
            role: "Eier prosjektet, koordinerer samarbeidet og følger opp hver deltaker med en fast koordinator.",
          },
          { organisationType: "PUBLIC_EMPLOYMENT_SERVICE", role: "Henviser deltakere og finansierer tiltakene." },
          {
            organisationType: "BUSINESS",
            role: "Tar imot deltakere i arbeidspraksis med veileder på arbeidsplassen, og rekrutterer til faste stillinger.",
          },
          {
            organisationType: "SCHOOL",
            role: "Driver alternative løp i fagopplæringen fram mot lærlingplass og fagbrev.",
          },
          {
            organisationType: "EMPLOYER_ORG",
            role: "Forankrer samarbeidet hos arbeidsgiverne og åpner dører til nye bedrifter.",
          },
          { organisationType: "UNION", role: "Forankrer samarbeidet på arbeidsplassene og hos de tillitsvalgte." },
        ],
        pilots: pilots(verdal()),
        workingMethods:
          "Norsk og arbeidslivskunnskap læres på arbeidsplassen, ikke i klasserommet alene.\nHver deltaker har en koordinator og en individuell plan fra kartlegging til fast arbeid.\nArbeidspraksis i lokale bedrifter er veien til ansettelse; bedriftene får flerkulturelle kompetansekurs for ansatte og ledere.\nPartnerne møtes jevnlig i en styringsgruppe, og resultatene følges opp ved avslutning og 3, 6 og 12 måneder etter.",
      },
    },
    {
      tenant: "inderoy",
      domain: "inderoy.demo",
      model: {
        title: "Inderøy–Åre-modellen – samarbeid over grensen",
        summary:
          "Kommune, NAV/Arbetsförmedlingen, frivillige, sosiale entreprenører, skoler og næringsliv i Inderøy og Åre bygger veier til arbeid og utdanning for nyankomne flyktninger og unge voksne (Interreg 2018–2020).",
        slug: "inderoy-are",
        goal: "Flere nyankomne flyktninger og unge voksne i arbeid eller utdanning, gjennom et lokalt samarbeid der hver partner gjør det den er best på, og der to kommuner i to land lærer av hverandre.",
        targetGroups: ["SETTLED_REFUGEE", "YOUNG_ADULT", "OTHER_FAR_FROM_WORK"],
        partnerRoles: [
          {
            organisationType: "MUNICIPALITY",
            role: "Eier prosjektet gjennom flyktningtjenesten og koordinerer partnerne.",
          },
          {
            organisationType: "PUBLIC_EMPLOYMENT_SERVICE",
            role: "NAV og Arbetsförmedlingen henviser deltakere og finansierer tiltak.",
          },
          {
            organisationType: "SOCIAL_ENTERPRISE",
            role: "Driver arbeidstrening i et sosialt entreprenørskap, med ekte arbeidsoppgaver og referanser.",
          },
          { organisationType: "VOLUNTEER_ORG", role: "Frivillige er mentorer og språkvenner og åpner sine nettverk." },
          { organisationType: "SCHOOL", role: "Driver yrkesrettede løp, sfi/norskopplæring og veien til fagbrev." },
          { organisationType: "BUSINESS", role: "Tar imot deltakere i praksis og rekrutterer." },
          { organisationType: "UNION", role: "Forankrer samarbeidet på arbeidsplassene." },
          { organisationType: "EMPLOYER_ORG", role: "Forankrer samarbeidet hos arbeidsgiverne." },
        ],
        pilots: pilots(inderoy()),
        workingMethods:
          "Kommunene i Inderøy og Åre møtes jevnlig for å sammenligne arbeidsmåter og resultater, med samme indikatorer på begge sider av grensen.\nHver deltaker får en plan som kombinerer språk, arbeidstrening og utdanning; frivillige mentorer følger opp i hverdagen.\nSosialt entreprenørskap gir arbeidserfaring for dem som står lengst unna, før praksis i ordinære bedrifter.",
      },
    },
  ];
}

/**
 * The demo's published collaboration models: Verdal's, and the Inderøy–Åre model (attached to Inderøy),
 * written and published through the app's own commands, results included. Idempotent: a tenant that
 * already has a model keeps it.
 */
export async function seedModels(client: Db) {
  const { saveModel } = await import("../lib/models/save-model.ts");
  const { publishModel } = await import("../lib/models/publish-model.ts");
  const threshold = Number(process.env.SUPPRESSION_THRESHOLD ?? 5) || 5;
  for (const spec of demoModels()) {
    const tenant = await client.tenant.findUnique({ where: { slug: spec.tenant } });
    const admin = await client.user.findUnique({ where: { email: `admin@${spec.domain}` } });
    if (!tenant || !admin) continue;
    const ctx = {
      tenantId: tenant.id,
      tenantSlug: tenant.slug,
      userId: admin.id,
      role: "TENANT_ADMIN" as const,
      organisationId: null,
    };
    const existing = await withTenant(
      ctx,
      (tx) => tx.collaborationModel.findFirst({ where: { tenantId: tenant.id }, select: { id: true } }),
      { client },
    );
    if (existing) continue;
    await saveModel({ ctx, data: spec.model, client });
    await publishModel({ ctx, client, threshold });
  }
}
