/**
 * `npm run bench:seed -- --tenants 200 --participants 200000`: a large synthetic data set for `npm run bench`,
 * in a database of its own (samspill_bench; see scripts/bench/db.ts), dropped and recreated on every run.
 *
 * Everything is set-based SQL (INSERT … SELECT over generate_series) through one pg connection as the
 * database owner. On the embedded server the owner is a superuser, and superusers bypass row-level security
 * even under FORCE ROW LEVEL SECURITY, so the rows of every tenant are written in one statement without
 * setting app.tenant_id. (On a DATABASE_URL server whose owner is not a superuser, FORCE RLS would hide and
 * refuse the rows; the seed checks for this and stops.) The app itself never connects this way.
 *
 * The data: tenants of uneven size (from ~0.2× to ~2.6× participants/tenants, so the default 200 × 1 000 has
 * tenants of ~2 000 participants); per tenant 14 organisations, 5 pilots (one a draft), 2 coordinators;
 * per participant 1–2 enrolments (a second one after the first ended), ~10 activities, consents
 * (follow-up; statistics for ~85 %, a few withdrawn; partner sharing for ~35 %), and for every exited
 * enrolment (~70 % of participants have left) outcomes at exit and at +3, +6 and +12 months where due
 * (some missing, as in real follow-up). Dates run from 2018 to today; rows are inserted in date order, so
 * a tenant's rows are spread over the tables as in a database that grew over the years. The pseudo-random
 * draws are hashes of row numbers: every run with the same sizes loads the same data.
 */
import { parseArgs } from "node:util";
import os from "node:os";
import pg from "pg";
import { hashPassword } from "../../lib/auth/password.ts";
import { openBenchDatabase, writeSeedInfo, BENCH_DATABASE } from "./db.ts";
import { dropKeysAndIndexes, restoreKeysAndIndexes } from "./constraints.ts";
import { rnd, pick, nth, id } from "./sql.ts";

const { values: args } = parseArgs({
  options: {
    tenants: { type: "string", default: "200" },
    participants: { type: "string", default: "200000" },
  },
});
const TENANTS = Number(args.tenants);
const PARTICIPANTS = Number(args.participants);
if (!Number.isInteger(TENANTS) || TENANTS < 1 || !Number.isInteger(PARTICIPANTS) || PARTICIPANTS < TENANTS) {
  console.error("usage: npm run bench:seed -- --tenants <n ≥ 1> --participants <n ≥ tenants>");
  process.exit(1);
}

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const log = (m: string) => console.log(`[bench:seed] ${m}`);
const fmt = (n: number) => n.toLocaleString("en-US");

// ---------------------------------------------------------------------------------------------------------
// Tenant sizes: weight 0.2 + 2.4·u² over a low-discrepancy u in [0, 1) (mean 1, from 0.2 to 2.6), scaled to
// the requested total.
// ---------------------------------------------------------------------------------------------------------
const weights = Array.from({ length: TENANTS }, (_, i) => {
  const u = ((i + 1) * 0.6180339887498949) % 1;
  return 0.2 + 2.4 * u * u;
});
const weightSum = weights.reduce((a, b) => a + b, 0);
const firsts: number[] = [];
const sizes: number[] = [];
{
  let acc = 0;
  let previous = 0;
  for (let i = 0; i < TENANTS; i++) {
    acc += weights[i];
    const boundary = i === TENANTS - 1 ? PARTICIPANTS : Math.round((PARTICIPANTS * acc) / weightSum);
    firsts.push(previous);
    sizes.push(Math.max(0, boundary - previous));
    previous = boundary;
  }
}
const slugWidth = Math.max(3, String(TENANTS).length);
const codeWidth = Math.max(4, String(Math.max(...sizes)).length);
if (codeWidth > 6) throw new Error("a tenant would get more than 999 999 participants (codes have at most 6 digits)");

const today = new Date().toISOString().slice(0, 10);
const TODAY = `'${today}'::date`;
const EPOCH = `'2018-01-01'::date`;

const database = await openBenchDatabase({ reset: true, log });
const client = new pg.Client({ connectionString: database.adminUrl });
await client.connect();

async function step(label: string, sql: string, params: unknown[] = []): Promise<number> {
  const t0 = performance.now();
  const result = await client.query(sql, params);
  const count = result.rowCount ?? 0;
  log(`${label}: ${fmt(count)} rows (${((performance.now() - t0) / 1000).toFixed(1)} s; ${elapsed()} in all)`);
  return count;
}

try {
  const {
    rows: [who],
  } = await client.query<{ rolsuper: boolean; rolbypassrls: boolean }>(
    "select rolsuper, rolbypassrls from pg_roles where rolname = current_user",
  );
  if (!who.rolsuper && !who.rolbypassrls) {
    throw new Error("The owner's role in DATABASE_URL must be a superuser (or BYPASSRLS) to load all tenants in bulk.");
  }
  log(
    `${fmt(TENANTS)} tenants, ${fmt(PARTICIPANTS)} participants (tenants of ${fmt(Math.min(...sizes))}–${fmt(Math.max(...sizes))}); today is ${today}; ${os.cpus().length} cores`,
  );

  // A bulk load's settings, for this session only.
  await client.query("set synchronous_commit = off");
  await client.query("set maintenance_work_mem = '512MB'");
  await client.query("set work_mem = '256MB'");

  // -------------------------------------------------------------------------------------------------------
  // Tenants, users, organisations, pilots.
  // -------------------------------------------------------------------------------------------------------
  await client.query(
    `
    create temp table bt as
    select t.no, ${id("t", "t.no")} as id, t.first_p, t.size, (t.no % 3 = 0) as se,
           'bench-' || lpad(t.no::text, ${slugWidth}, '0') as slug,
           lpad(t.no::text, ${slugWidth}, '0') as num,
           'B' || chr(65 + (t.no / 676) % 26) || chr(65 + (t.no / 26) % 26) || chr(65 + t.no % 26) as prefix
    from unnest($1::int[], $2::int[], $3::int[]) as t(no, first_p, size)`,
    [weights.map((_, i) => i + 1), firsts, sizes],
  );

  await step(
    "tenants",
    `
    insert into "Tenant" (id, slug, name, country, "municipalityCode", "defaultLocale", status, "codePrefix", "retentionMonths", "createdAt", "updatedAt")
    select id, slug, case when se then 'Benchkommun ' else 'Benchkommune ' end || num,
           (case when se then 'SE' else 'NO' end)::"Country", lpad((5000 + no)::text, 4, '0'),
           (case when se then 'sv' else 'nb' end)::"Locale", 'ACTIVE', prefix, 60, '2017-06-01', '2017-06-01'
    from bt order by no`,
  );

  const passwordHash = await hashPassword("samspill-demo");
  await step(
    "users (2 coordinators per tenant)",
    `
    insert into "User" (id, email, name, "passwordHash", "passwordChangedAt", "createdAt", "updatedAt")
    select ${id("u", "bt.no * 10 + j")}, 'koordinator' || j || '@' || slug || '.bench', 'Koordinator ' || j || ' ' || slug, $1,
           '2017-06-01', '2017-06-01', '2017-06-01'
    from bt cross join generate_series(1, 2) j order by bt.no, j`,
    [passwordHash],
  );
  await step(
    "memberships",
    `
    insert into "Membership" ("tenantId", id, "userId", role, "createdAt")
    select bt.id, ${id("m", "bt.no * 10 + j")}, ${id("u", "bt.no * 10 + j")}, 'COORDINATOR', '2017-06-01'
    from bt cross join generate_series(1, 2) j`,
  );

  // Organisation j of a tenant has the id id('o', tenant·100 + j): 1 municipality, 2 the employment
  // service, 3–4 schools, 5 volunteers, 6 a social enterprise, 7–14 businesses (employers, practice places).
  const organisations: [name: string, type: string, sector: string | null][] = [
    ["Kommunen", "MUNICIPALITY", "Offentlig"],
    ["NAV", "PUBLIC_EMPLOYMENT_SERVICE", "Offentlig"],
    ["Voksenopplæringen", "SCHOOL", "Utdanning"],
    ["Videregående skole", "SCHOOL", "Utdanning"],
    ["Frivilligsentralen", "VOLUNTEER_ORG", "Frivillighet"],
    ["Inkluderingsbedriften AS", "SOCIAL_ENTERPRISE", "Arbeidsinkludering"],
    ["Byggmester Hansen AS", "BUSINESS", "Bygg og anlegg"],
    ["Helsehuset", "BUSINESS", "Helse og omsorg"],
    ["Matkroken", "BUSINESS", "Varehandel"],
    ["Fjordgløtt hotell", "BUSINESS", "Reiseliv"],
    ["Industrimek AS", "BUSINESS", "Industri"],
    ["Renhold Midt AS", "BUSINESS", "Renhold"],
    ["Barnehagen Solsikken", "BUSINESS", "Oppvekst"],
    ["Transport og logistikk AS", "BUSINESS", "Transport"],
  ];
  await step(
    "organisations",
    `
    insert into "Organisation" ("tenantId", id, name, type, sector, "partnershipRole", "agreementStart", active, "createdAt", "updatedAt")
    select bt.id, ${id("o", "bt.no * 100 + o.j")},
           case when o.j = 1 then (case when bt.se then 'Benchkommun ' else 'Benchkommune ' end) || bt.num
                when o.j = 2 and bt.se then 'Arbetsförmedlingen' else o.name end,
           o.type::"OrganisationType", o.sector, case when o.j <= 2 then 'Partnerskapets eier' end, '2017-09-01', true, '2017-06-01', '2017-06-01'
    from bt cross join unnest($1::text[], $2::text[], $3::text[]) with ordinality as o(name, type, sector, j)`,
    [organisations.map((o) => o[0]), organisations.map((o) => o[1]), organisations.map((o) => o[2])],
  );

  const pilots: [name: string, kind: string, status: string, target: number | null][] = [
    ["Arbeidsrettet norskopplæring", "WORKLIFE_LANGUAGE", "ACTIVE", 60],
    ["Utplassering og rekruttering", "PLACEMENT_RECRUITMENT", "ACTIVE", 70],
    ["Inkludering på arbeidsplassen", "WORKPLACE_INTEGRATION", "ACTIVE", 65],
    ["Alternativ fagopplæring", "ALTERNATIVE_VOCATIONAL", "ACTIVE", 50],
    ["Ny pilot (utkast)", "CUSTOM", "DRAFT", null],
  ];
  await step(
    "pilots",
    `
    insert into "Pilot" ("tenantId", id, name, kind, status, goal, "targetSharePercent", "startDate", "createdAt", "updatedAt")
    select bt.id, ${id("pl", "bt.no * 10 + p.j")}, p.name, p.kind::"PilotKind", p.status::"PilotStatus",
           'Flere i arbeid eller utdanning', p.target, case when p.status = 'DRAFT' then '2027-01-01'::date else '2017-09-01'::date end,
           '2017-06-01', '2017-06-01'
    from bt cross join unnest($1::text[], $2::text[], $3::text[], $4::int[]) with ordinality as p(name, kind, status, target, j)`,
    [pilots.map((p) => p[0]), pilots.map((p) => p[1]), pilots.map((p) => p[2]), pilots.map((p) => p[3])],
  );
  await step(
    "pilot organisations",
    `
    insert into "PilotOrganisation" ("tenantId", "pilotId", "organisationId", role)
    select distinct bt.id, ${id("pl", "bt.no * 10 + p")}, ${id("o", "bt.no * 100 + o")}, case when o <= 2 then 'Eier' else 'Partner' end
    from bt cross join generate_series(1, 4) p
    cross join lateral unnest(array[1, 2, 7 + (p * 2) % 8, 7 + (p * 2 + 1) % 8, case when p = 1 then 3 else 5 end]) o`,
  );
  await step(
    "participant code counters",
    `
    insert into "ParticipantCodeCounter" ("tenantId", next) select id, size + 1 from bt`,
  );

  // -------------------------------------------------------------------------------------------------------
  // Participants and enrolments, drawn into temporary tables first (the children need what was drawn).
  // -------------------------------------------------------------------------------------------------------
  const jobs = `('PERMANENT_JOB', 'TEMPORARY_JOB')`;
  const schooling = `('EDUCATION', 'VOCATIONAL_TRAINING')`;
  const exitStatuses: [string, number][] = [
    ["PERMANENT_JOB", 22],
    ["TEMPORARY_JOB", 20],
    ["EDUCATION", 10],
    ["VOCATIONAL_TRAINING", 5],
    ["ACTIVE_IN_PROGRAMME", 8],
    ["NOT_IN_WORK", 28],
    ["UNKNOWN", 7],
  ];
  const laterStatuses: [string, number][] = [
    ["PERMANENT_JOB", 35],
    ["TEMPORARY_JOB", 18],
    ["EDUCATION", 10],
    ["VOCATIONAL_TRAINING", 5],
    ["ACTIVE_IN_PROGRAMME", 4],
    ["NOT_IN_WORK", 22],
    ["UNKNOWN", 6],
  ];
  const t0 = performance.now();
  await client.query(`
    create temp table bp as
    select s.*,
           ${pick("s.r_tg", [
             ["SETTLED_REFUGEE", 40],
             ["IMMIGRANT", 25],
             ["YOUNG_ADULT", 20],
             ["OTHER_FAR_FROM_WORK", 15],
           ])} as tg,
           ${id("p", "s.n")} as pid,
           ${id("u", "s.t * 10 + 1 + s.n % 2")} as coordinator,
           -- Enrolment plan: one (75 %) or two, the second after the first ended; ~70 % of participants have left.
           case when s.has2 then s.r_ex < 0.5 else s.r_ex < 0.767 end as last_exited,
           case when s.has2 then 60 + floor(s.r_d1 * 480)::int else 60 + floor(s.r_d1 * 660)::int end as d1,
           30 + floor(s.r_gap * 300)::int as gap,
           60 + floor(s.r_d2 * 480)::int as d2,
           1 + floor(s.r_pilot * 4)::int as pilot1,
           1 + (floor(s.r_pilot * 4)::int + 1 + floor(s.r_pilot2 * 3)::int) % 4 as pilot2
    from (
      select g.t, g.tid, g.prefix, g.k, g.n, g.has2,
             ${rnd("g.n", 11)} as r_tg, ${rnd("g.n", 12)} as r_gender, ${rnd("g.n", 13)} as r_birth, ${rnd("g.n", 14)} as r_arrival,
             ${rnd("g.n", 15)} as r_name, ${rnd("g.n", 16)} as r_anon, ${rnd("g.n", 17)} as r_lang, ${rnd("g.n", 18)} as r_status,
             ${rnd("g.n", 19)} as r_coord, ${rnd("g.n", 21)} as r_ex, ${rnd("g.n", 22)} as r_d1, ${rnd("g.n", 23)} as r_gap,
             ${rnd("g.n", 24)} as r_d2, ${rnd("g.n", 25)} as r_start, ${rnd("g.n", 26)} as r_pilot, ${rnd("g.n", 27)} as r_pilot2,
             ${rnd("g.n", 28)} as r_stat, ${rnd("g.n", 29)} as r_share, ${rnd("g.n", 30)} as r_wd, ${rnd("g.n", 31)} as r_anonymised
      from (
        select bt.no as t, bt.id as tid, bt.prefix, k, bt.first_p + k as n, ${rnd("bt.first_p + k", 20)} < 0.25 as has2
        from bt cross join lateral generate_series(1, bt.size) k
      ) g
    ) s`);
  // Start dates: an exited plan lies wholly in [2018-01-01, today); an active last enrolment began within
  // the last ~2.5 years.
  const days = `(${TODAY} - ${EPOCH})`;
  await client.query(`
    alter table bp add column start1 date, add column exit1 date, add column start2 date, add column exit2 date;
    update bp set
      start1 = case
        when not has2 and last_exited then ${EPOCH} + floor(r_start * (${days} - d1 - 1))::int
        when not has2 then ${TODAY} - 1 - floor(r_start * 900)::int
        when last_exited then ${EPOCH} + floor(r_start * (${days} - d1 - gap - d2 - 1))::int
        else ${TODAY} - 1 - floor(r_start * 900)::int - gap - d1 end;
    update bp set
      exit1 = case when has2 or last_exited then start1 + d1 end,
      start2 = case when has2 then start1 + d1 + gap end,
      exit2 = case when has2 and last_exited then start1 + d1 + gap + d2 end;
    analyze bp`);

  // One row per enrolment, with the outcome statuses it will have at each point (a trajectory: a status
  // is kept from one point to the next with probability 0.65, else drawn anew).
  const drawLater = (r: string) => pick(r, laterStatuses);
  await client.query(`
    create temp table be as
    select x.*, ${id("e", "x.en")} as eid,
           coalesce(x.exit, ${TODAY} + 90) - x.start as span,
           case when x.exit is null then null
                when x.s0 in ${jobs} then 'GOT_JOB' when x.s0 in ${schooling} then 'STARTED_EDUCATION'
                else ${pick(rnd("x.en", 40), [
                  ["COMPLETED", 55],
                  ["WITHDREW", 20],
                  ["MOVED", 15],
                  ["OTHER", 10],
                ])} end as exit_reason
    from (
      select y.*, case when y.exit is null then null when ${rnd("y.en", 34)} < 0.65 then y.s6 else ${drawLater(rnd("y.en", 37))} end as s12
      from (
        select z.*, case when z.exit is null then null when ${rnd("z.en", 33)} < 0.65 then z.s3 else ${drawLater(rnd("z.en", 36))} end as s6
        from (
          select w.*, case when w.exit is null then null when ${rnd("w.en", 32)} < 0.65 then w.s0 else ${drawLater(rnd("w.en", 35))} end as s3
          from (
            select v.*, case when v.exit is null then null else ${pick(rnd("v.en", 41), exitStatuses)} end as s0
            from (
              select bp.t, bp.tid, bp.n, bp.pid, bp.tg, bp.coordinator, 1 as j, bp.n * 2 + 1 as en, bp.pilot1 as pilot, bp.start1 as start, bp.exit1 as exit,
                     case when bp.has2 then 3 + floor(${rnd("bp.n", 42)} * 5)::int else 7 + floor(${rnd("bp.n", 42)} * 7)::int end as nact
              from bp
              union all
              select bp.t, bp.tid, bp.n, bp.pid, bp.tg, bp.coordinator, 2, bp.n * 2 + 2, bp.pilot2, bp.start2, bp.exit2,
                     3 + floor(${rnd("bp.n", 43)} * 5)::int
              from bp where bp.has2
            ) v
          ) w
        ) z
      ) y
    ) x;
    analyze be`);
  log(
    `drew ${fmt(PARTICIPANTS)} participants and their enrolments (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );

  // -------------------------------------------------------------------------------------------------------
  // The big tables: keys and indexes off, rows in date order, keys and indexes back on.
  // -------------------------------------------------------------------------------------------------------
  const bigTables = ["Participant", "Consent", "Enrolment", "Activity", "Outcome"];
  const saved = await dropKeysAndIndexes(client, bigTables);
  log(
    `dropped ${saved.constraints.length} keys and constraints and ${saved.indexes.length} indexes of ${bigTables.join(", ")} for the load`,
  );

  const firstNames = [
    "Amina",
    "Yonas",
    "Fatima",
    "Ahmed",
    "Hanna",
    "Mohammed",
    "Selam",
    "Ali",
    "Ingrid",
    "Ole",
    "Sara",
    "Omar",
    "Nour",
    "Daniel",
    "Maryam",
    "Jonas",
    "Leila",
    "Kristian",
    "Aster",
    "Hassan",
    "Olena",
    "Mustafa",
    "Eva",
    "Abdi",
    "Helene",
    "Tesfay",
    "Sofia",
    "Ibrahim",
    "Marte",
    "Dawit",
    "Zahra",
    "Erik",
    "Rahel",
    "Karim",
    "Lina",
    "Petter",
  ];
  const lastNames = [
    "Haile",
    "Ahmadi",
    "Hansen",
    "Mohamed",
    "Johansen",
    "Tesfaye",
    "Olsen",
    "Hussein",
    "Larsen",
    "Kebede",
    "Andersen",
    "Ali",
    "Pedersen",
    "Abdullahi",
    "Nilsson",
    "Kovalenko",
    "Berg",
    "Rahimi",
    "Haugen",
    "Gebremariam",
    "Lund",
    "Nasser",
    "Eriksson",
    "Yusuf",
    "Dahl",
    "Mengistu",
    "Strand",
    "Karimi",
  ];
  const refugeeLanguages = ["{ti,nb}", "{ar,nb}", "{so}", "{uk,nb}", "{fa,en}", "{prs}", "{ar}", "{ti}"];
  const immigrantLanguages = ["{pl,en}", "{lt}", "{en}", "{es,en}", "{ro}", "{th}"];
  await step(
    "participants",
    `
    insert into "Participant" ("tenantId", id, code, name, "birthYear", gender, "targetGroup", "arrivalYear", languages, status,
                               anonymous, "coordinatorId", "anonymisedAt", version, "createdAt", "updatedAt")
    select tid, pid, prefix || '-' || lpad(k::text, ${codeWidth}, '0'),
           case when anonymous or anonymised or r_name < 0.08 then null
                else ${nth(firstNames, `floor(r_name * 100000)::bigint`)} || ' ' || ${nth(lastNames, `floor(r_name * 10000000)::bigint`)} end,
           case when not anonymous and not anonymised then
             case when tg = 'YOUNG_ADULT' then 1998 + floor(r_birth * 9)::int else 1962 + floor(r_birth * 40)::int end end,
           case when not anonymous then ${pick("r_gender", [
             ["FEMALE", 47],
             ["MALE", 45],
             ["OTHER", 2],
             [null, 6],
           ])} end::"Gender",
           tg::"TargetGroup",
           case when anonymous or anonymised then null
                when tg = 'SETTLED_REFUGEE' then 2014 + floor(r_arrival * 12)::int
                when tg = 'IMMIGRANT' then 2008 + floor(r_arrival * 18)::int end,
           (case when anonymous or anonymised then '{}'
                 when tg = 'SETTLED_REFUGEE' then ${nth(refugeeLanguages, "floor(r_lang * 1000)::bigint")}
                 when tg = 'IMMIGRANT' then ${nth(immigrantLanguages, "floor(r_lang * 1000)::bigint")}
                 else '{nb}' end)::text[],
           (case when last_exited then (case when r_status < 0.85 then 'COMPLETED' else 'WITHDRAWN' end)
                 else (case when r_status < 0.85 then 'ACTIVE' else 'PAUSED' end) end)::"ParticipantStatus",
           anonymous, case when r_coord < 0.9 then coordinator end,
           case when anonymised then (last_exit + interval '60 months')::timestamp end,
           1, start1::timestamp + interval '9 hours', coalesce(last_exit, start1)::timestamp + interval '15 hours'
    from (
      select bp.*, coalesce(exit2, exit1) as last_exit, r_anon < 0.03 as anonymous,
             (last_exited and coalesce(exit2, exit1) < ${TODAY} - interval '60 months' and r_anonymised < 0.5) as anonymised
      from bp
    ) p
    order by start1, n`,
  );

  await step(
    "consents",
    `
    insert into "Consent" ("tenantId", id, "participantId", purpose, "partnerOrganisationId", "givenAt", "recordedById", "withdrawnAt", "withdrawnById", "createdAt")
    select tid, ${id("cs", "n * 3 + c.k")}, pid, c.purpose::"ConsentPurpose",
           case when c.k = 2 then ${id("o", "t * 100 + 2")} end, start1, coordinator,
           case when c.k = 1 and r_wd < 0.04 then least(${TODAY}, start1 + 30 + floor(r_wd * 10000)::int) end,
           case when c.k = 1 and r_wd < 0.04 then coordinator end,
           start1::timestamp + interval '9 hours'
    from bp cross join (values (0, 'FOLLOW_UP'), (1, 'STATISTICS'), (2, 'PARTNER_SHARING')) c(k, purpose)
    where r_anon >= 0.03 and (c.k = 0 or (c.k = 1 and r_stat < 0.85) or (c.k = 2 and r_share < 0.35))
    order by start1, n, c.k`,
  );

  await step(
    "enrolments",
    `
    insert into "Enrolment" ("tenantId", id, "participantId", "pilotId", "startDate", "exitDate", "exitReason", "createdAt", "updatedAt")
    select tid, eid, pid, ${id("pl", "t * 10 + pilot")}, start, exit, exit_reason::"ExitReason",
           start::timestamp + interval '9 hours', coalesce(exit, start)::timestamp + interval '15 hours'
    from be order by start, en`,
  );

  // Activities: an intake first, then steps spread evenly over the enrolment (for one still running, until
  // three months ahead: the current step is ONGOING, later ones PLANNED); an enrolment that ended in a job or
  // school ends with that step. Loaded in chunks by the year the enrolment started.
  const activityTypes: [string, number][] = [
    ["LANGUAGE_TRAINING", 20],
    ["WORK_PRACTICE", 20],
    ["MENTORING", 14],
    ["VOCATIONAL_TRAINING", 10],
    ["JOB_SEEKING", 18],
    ["EMPLOYMENT", 5],
    ["EDUCATION", 5],
    ["OTHER", 8],
  ];
  const notes = [
    "Oppfølgingssamtale gjennomført, neste steg avtalt.",
    "Trenger tett oppfølging i starten.",
    "Arbeidsgiver fornøyd, vurderer forlengelse.",
    "Fravær siste uke, tar kontakt.",
    "Språkmentor på plass.",
  ];
  const {
    rows: [range],
  } = await client.query<{ first: number; last: number; total: string }>(
    "select extract(year from min(start))::int as first, extract(year from max(start))::int as last, sum(nact) as total from be",
  );
  let activities = 0;
  for (let year = range.first; year <= range.last; year++) {
    const t1 = performance.now();
    const { rowCount } = await client.query(
      `
      insert into "Activity" ("tenantId", id, "participantId", "enrolmentId", type, status, "organisationId", "startDate", "endDate",
                              "hoursPerWeek", note, "createdById", version, "createdAt", "updatedAt")
      select tid, ${id("a", "an")}, pid, case when r_enr < 0.05 then null else eid end, type::"ActivityType", status::"ActivityStatus",
             case when type in ('WORK_PRACTICE', 'EMPLOYMENT', 'VOCATIONAL_TRAINING') then ${id("o", "t * 100 + 7 + floor(r_org * 8)::int")}
                  when type = 'LANGUAGE_TRAINING' then ${id("o", "t * 100 + 3")}
                  when type = 'EDUCATION' then ${id("o", "t * 100 + 4")}
                  when type = 'MENTORING' then ${id("o", "t * 100 + 5")}
                  when type = 'JOB_SEEKING' then ${id("o", "t * 100 + 2")}
                  when type = 'INTAKE' then ${id("o", "t * 100 + 1")} end,
             a_start, case when status in ('COMPLETED', 'INTERRUPTED') then greatest(a_start, next_start - 1) end,
             case when type = 'WORK_PRACTICE' then 10 + floor(r_hours * 28)
                  when type = 'EMPLOYMENT' then 20 + floor(r_hours * 18)
                  when type = 'LANGUAGE_TRAINING' then 15 end,
             case when r_note < 0.3 then ${nth(notes, "floor(r_note * 1000)::bigint")} end,
             coordinator, 1, least(a_start, ${TODAY})::timestamp + interval '10 hours', least(coalesce(next_start, a_start), ${TODAY})::timestamp + interval '16 hours'
      from (
        select y.*,
               case when y.exit is not null then (case when y.r_status < 0.88 then 'COMPLETED' else 'INTERRUPTED' end)
                    when y.a_start > ${TODAY} then 'PLANNED'
                    when y.next_start > ${TODAY} then 'ONGOING'
                    else (case when y.r_status < 0.9 then 'COMPLETED' else 'INTERRUPTED' end) end as status
        from (
          select x.*,
                 case when x.i = 1 then 'INTAKE'
                      when x.i = x.nact and x.exit is not null and x.s0 in ${jobs} then 'EMPLOYMENT'
                      when x.i = x.nact and x.exit is not null and x.s0 in ${schooling} then 'EDUCATION'
                      else ${pick("x.r_type", activityTypes)} end as type
          from (
            select be.*, i, be.en * 20 + i as an,
                   be.start + floor((i - 1) * be.span::float8 / be.nact)::int as a_start,
                   be.start + floor(i * be.span::float8 / be.nact)::int as next_start,
                   ${rnd("be.en * 20 + i", 51)} as r_type, ${rnd("be.en * 20 + i", 52)} as r_status, ${rnd("be.en * 20 + i", 53)} as r_org,
                   ${rnd("be.en * 20 + i", 54)} as r_hours, ${rnd("be.en * 20 + i", 55)} as r_note, ${rnd("be.en * 20 + i", 56)} as r_enr
            from be cross join lateral generate_series(1, be.nact) i
            where be.start >= make_date($1, 1, 1) and be.start < make_date($1 + 1, 1, 1)
          ) x
        ) y
      ) a
      order by a_start, an`,
      [year],
    );
    activities += rowCount ?? 0;
    log(
      `activities of enrolments started in ${year}: ${fmt(rowCount ?? 0)} rows (${((performance.now() - t1) / 1000).toFixed(1)} s) — ${fmt(activities)} of ~${fmt(Number(range.total))}, ${elapsed()} in all`,
    );
  }

  // Outcomes of exited enrolments: at exit, and at +3/+6/+12 months once that day has come (observed up to
  // three weeks late; some follow-ups never recorded: 3 % at exit, 10/15/20 % later).
  await step(
    "outcomes",
    `
    insert into "Outcome" ("tenantId", id, "participantId", "enrolmentId", point, status, "workingTime", "organisationId", "observedAt",
                           note, "createdById", "createdAt", "updatedAt")
    select tid, ${id("oc", "en * 4 + k")}, pid, eid, point::"OutcomePoint", status::"OutcomeStatus",
           (case when status in ${jobs} then (case when ${rnd("en * 4 + k", 61)} < 0.6 then 'FULL_TIME' else 'PART_TIME' end) end)::"WorkingTime",
           case when status in ${jobs} then ${id("o", "t * 100 + 7 + en % 8")}
                when status in ${schooling} then ${id("o", "t * 100 + 4")} end,
           observed, null, coordinator, observed::timestamp + interval '11 hours', observed::timestamp + interval '11 hours'
    from (
      select be.*, pt.k, pt.point,
             case pt.k when 0 then be.s0 when 1 then be.s3 when 2 then be.s6 else be.s12 end as status,
             (be.exit + make_interval(months => pt.months))::date + case when pt.k = 0 then 0 else floor(${rnd("be.en * 4 + pt.k", 62)} * 21)::int end as observed,
             ${rnd("be.en * 4 + pt.k", 63)} >= pt.missing as recorded
      from be cross join (values (0, 'AT_EXIT', 0, 0.03), (1, 'MONTHS_3', 3, 0.10), (2, 'MONTHS_6', 6, 0.15), (3, 'MONTHS_12', 12, 0.20)) pt(k, point, months, missing)
      where be.exit is not null
    ) o
    where recorded and observed <= ${TODAY}
    order by observed, en, k`,
  );

  log("building keys and indexes, validating foreign keys:");
  await restoreKeysAndIndexes(client, saved, (m) => log(m));

  const t2 = performance.now();
  await client.query("drop table bp, be, bt");
  await client.query("reset work_mem");
  const allTables = [
    ...bigTables,
    "Tenant",
    "User",
    "Membership",
    "Organisation",
    "Pilot",
    "PilotOrganisation",
    "ParticipantCodeCounter",
  ];
  await client.query(`vacuum (analyze) ${allTables.map((t) => `"${t}"`).join(", ")}`);
  log(`vacuum analyze (${((performance.now() - t2) / 1000).toFixed(1)} s)`);

  const seconds = Math.round((performance.now() - started) / 100) / 10;
  await writeSeedInfo(client, {
    tenants: TENANTS,
    participants: PARTICIPANTS,
    seededAt: new Date().toISOString(),
    seconds,
  });

  // What was loaded.
  const counts: { table: string; rows: number; size: string }[] = [];
  for (const table of [
    "Tenant",
    "Organisation",
    "Pilot",
    "Participant",
    "Consent",
    "Enrolment",
    "Activity",
    "Outcome",
  ]) {
    const {
      rows: [c],
    } = await client.query<{ rows: number; size: string }>(
      `select (select count(*) from "${table}")::int as rows, pg_size_pretty(pg_total_relation_size('"${table}"')) as size`,
    );
    counts.push({ table, ...c });
  }
  const {
    rows: [db],
  } = await client.query<{ size: string }>("select pg_size_pretty(pg_database_size(current_database())) as size");
  const {
    rows: [dist],
  } = await client.query<{ tenants_1800: string; largest: string }>(`
    select count(*) filter (where c between 1800 and 2200) as tenants_1800, max(c) as largest
    from (select count(*) as c from "Participant" group by "tenantId") s`);
  console.log(`\n${"table".padEnd(14)}${"rows".padStart(12)}${"size".padStart(12)}`);
  for (const c of counts) console.log(`${c.table.padEnd(14)}${fmt(c.rows).padStart(12)}${c.size.padStart(12)}`);
  console.log(
    `\n[bench:seed] done in ${seconds} s: database ${BENCH_DATABASE} ${db.size}; ${dist.tenants_1800} tenants with 1 800–2 200 participants, the largest ${fmt(Number(dist.largest))}`,
  );
  console.log("[bench:seed] next: npm run bench");
} finally {
  await client.end();
  await database.stop();
}
