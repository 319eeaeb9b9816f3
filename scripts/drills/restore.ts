/**
 * `npm run drill:restore`: point-in-time recovery with pgBackRest, end to end, on a throwaway cluster. Not part
 * of `npm test` (it needs Debian's pgbackrest and postgresql-15).
 *
 *  1. In a temporary folder: a PostgreSQL 15 cluster on its own port whose archive_command pushes every WAL
 *     segment to a local pgBackRest repository (archive_timeout 10 s); the app's migrations and demo data.
 *  2. A full backup (`pgbackrest backup --type=full`).
 *  3. Writes for a while (activities added and participants changed in every tenant, as the app does); stops,
 *     notes the server's time T and every tenant's checksums at T (tooling/db/backup.ts: row count and md5 of
 *     every table, as far as the tenant owns it); writes more.
 *  4. Restores to T into a fresh data folder (`pgbackrest restore --type=time --target=T`), starts it on another
 *     port, waits until recovery has reached T and the server is promoted.
 *  5. Compares every tenant's checksums with those at T (goal: equal) and checks that no write after T is there.
 *     Reports the recovery time (restore + replay until the server accepts writes) and the WAL lag at the end
 *     of the writes (what the archive did not yet hold: bytes and seconds since the last archived segment).
 *
 * Everything it starts, it stops; the temporary folder goes too.
 *
 *   npm run drill:restore -- [--before 10] [--after 5] [--echo]
 */
import { parseArgs } from "node:util";
import { randomBytes } from "node:crypto";
import { appendFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { prepareDatabase } from "../../tooling/db/bootstrap.ts";
import { createClient } from "../../lib/db/client.ts";
import { checksums } from "../../tooling/db/backup.ts";
import { seedDemoData } from "../../prisma/seed.ts";
import { main, onCleanup } from "../load/app.ts";
import {
  now,
  sleep,
  logger,
  tempFolder,
  requireCommands,
  runCommand,
  waitFor,
  freeTcpPort,
  registerDataDir,
} from "./processes.ts";

const { values: args } = parseArgs({
  options: {
    before: { type: "string", default: "10" },
    after: { type: "string", default: "5" },
    echo: { type: "boolean", default: false },
  },
});
const BEFORE = Number(args.before);
const AFTER = Number(args.after);
const PG_BIN = "/usr/lib/postgresql/15/bin";
const STANZA = "drill";
const log = logger("restore");

requireCommands({ "/usr/bin/pgbackrest": "pgbackrest", [`${PG_BIN}/postgres`]: "postgresql-15" });

await main(async () => {
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
  const dir = tempFolder("samspill-restore-");
  const taken = new Set<number>();
  const port = await freeTcpPort(55600, 55699, taken);
  const restoredPort = await freeTcpPort(55600, 55699, taken);
  const data = path.join(dir, "pg");
  const restored = path.join(dir, "restored");
  const conf = path.join(dir, "pgbackrest.conf");
  const pgbackrest = (...a: string[]) =>
    runCommand("/usr/bin/pgbackrest", [`--config=${conf}`, `--stanza=${STANZA}`, ...a], { asPostgres: true });
  const pgCtl = (...a: string[]) => runCommand(`${PG_BIN}/pg_ctl`, a, { asPostgres: true });
  log(`working in ${dir}`);

  // ------------------------------------------------------------------------------------------------ cluster
  runCommand(`${PG_BIN}/initdb`, ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C"], {
    asPostgres: true,
  });
  appendFileSync(
    path.join(data, "postgresql.conf"),
    [
      "",
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${dir}'`,
      "wal_level = replica",
      "archive_mode = on",
      `archive_command = '/usr/bin/pgbackrest --config=${conf} --stanza=${STANZA} archive-push %p'`,
      // At most 10 s of committed work waits outside the archive (production: 60 s, see docs/operations.md).
      "archive_timeout = 10",
      "shared_buffers = 64MB",
      "",
    ].join("\n"),
  );
  writeFileSync(
    conf,
    [
      "[global]",
      `repo1-path=${path.join(dir, "repo")}`,
      "repo1-retention-full=2",
      `log-path=${path.join(dir, "log")}`,
      `lock-path=${path.join(dir, "lock")}`,
      `spool-path=${path.join(dir, "spool")}`,
      "start-fast=y",
      "log-level-console=warn",
      "log-level-file=info",
      "",
      `[${STANZA}]`,
      `pg1-path=${data}`,
      `pg1-port=${port}`,
      `pg1-socket-path=${dir}`,
      "pg1-user=postgres",
      "",
    ].join("\n"),
  );
  runCommand("chown", ["-R", "postgres:postgres", dir]);
  registerDataDir(data);
  registerDataDir(restored);
  pgCtl("-D", data, "-l", path.join(dir, "pg.log"), "-w", "start");
  onCleanup("PostgreSQL (original)", () => pgCtl("-D", data, "-m", "immediate", "stop"));
  log(`PostgreSQL 15 on ${port}, WAL archived to pgBackRest repository ${path.join(dir, "repo")}`);
  pgbackrest("stanza-create");
  pgbackrest("check");

  const superUrl = (p: number, db: string) => `postgresql://postgres@127.0.0.1:${p}/${db}`;
  {
    const c = new pg.Client({ connectionString: superUrl(port, "postgres") });
    await c.connect();
    await c.query("create database samspill");
    await c.end();
  }
  const adminUrl = superUrl(port, "samspill");
  const { appUrl } = await prepareDatabase({ adminUrl, appPassword: randomBytes(12).toString("hex"), log });
  {
    const client = createClient(appUrl, 2);
    await seedDemoData(client);
    await client.$disconnect();
  }
  const owner = new pg.Pool({ connectionString: adminUrl, max: 4 });
  owner.on("error", () => undefined);
  onCleanup("owner pool", () => owner.end());
  const tenants = (await owner.query<{ id: string; slug: string }>(`select id, slug from "Tenant" order by slug`)).rows;
  const participants = (
    await owner.query<{ tenantId: string; id: string }>(
      `select "tenantId", id from "Participant" where "anonymisedAt" is null`,
    )
  ).rows;
  log(`demo data: ${tenants.length} tenants, ${participants.length} participants`);

  // ------------------------------------------------------------------------------------------------ backup
  let t0 = now();
  pgbackrest("backup", "--type=full");
  const backupSeconds = (now() - t0) / 1000;
  log(`full backup in ${backupSeconds.toFixed(1)} s`);

  // ------------------------------------------------------------------------------------------------ writes
  let seq = 0;
  const writeFor = async (seconds: number, phase: string) => {
    const until = now() + seconds * 1000;
    let n = 0;
    await Promise.all(
      Array.from({ length: 3 }, async () => {
        while (now() < until) {
          const k = seq++;
          const p = participants[k % participants.length];
          const client = await owner.connect();
          try {
            await client.query("begin");
            await client.query(
              `insert into "Activity" ("tenantId", id, "participantId", type, status, "startDate", note, "updatedAt")
               values ($1, $2, $3, 'JOB_SEEKING', 'ONGOING', current_date, $4, now())`,
              [p.tenantId, `drill${runId}${k}`, p.id, `restore-drill ${runId} ${phase} ${k}`],
            );
            await client.query(
              `update "Participant" set "arrivalYear" = 2000 + ($3::int % 25), "updatedAt" = now() where "tenantId" = $1 and id = $2`,
              [p.tenantId, p.id, k],
            );
            await client.query("commit");
            n++;
          } finally {
            client.release();
          }
        }
      }),
    );
    return n;
  };
  const before = await writeFor(BEFORE, "before");
  const [{ t }] = (
    await owner.query<{ t: string }>(`select to_char(clock_timestamp(), 'YYYY-MM-DD HH24:MI:SS.USOF') as t`)
  ).rows;
  const atT = new Map<string, Record<string, { count: number; md5: string | null }>>();
  for (const tenant of tenants) atT.set(tenant.slug, await checksums(adminUrl, tenant.id));
  log(`${before} write transactions; T = ${t}; checksums of ${tenants.length} tenants taken at T`);
  await sleep(1_100); // the next commits are clearly after T
  const after = await writeFor(AFTER, "after");
  const [archive] = (
    await owner.query<{ current: string; last: string | null; seconds: number | null }>(`
      select pg_walfile_name(pg_current_wal_lsn()) as current, last_archived_wal as last,
             extract(epoch from now() - last_archived_time)::float8 as seconds
      from pg_stat_archiver`)
  ).rows;
  const segmentsBehind =
    archive.last === null ? null : parseInt(archive.current.slice(8), 16) - parseInt(archive.last.slice(8), 16) - 1;
  log(
    `${after} more write transactions after T; WAL lag at the end of the writes: last segment archived ${archive.seconds?.toFixed(1) ?? "never"} s ago, ${segmentsBehind ?? "?"} full segments waiting (the current one is open)`,
  );
  // The restore needs the WAL past T in the archive: close the current segment and wait for it (`check` does).
  pgbackrest("check");

  // ------------------------------------------------------------------------------------------------ restore
  t0 = now();
  mkdirSync(restored, { recursive: true, mode: 0o700 });
  runCommand("chown", ["postgres:postgres", restored]);
  pgbackrest("restore", `--pg1-path=${restored}`, "--type=time", `--target=${t}`, "--target-action=promote");
  const restoreSeconds = (now() - t0) / 1000;
  pgCtl(
    "-D",
    restored,
    "-l",
    path.join(dir, "restored.log"),
    "-o",
    `-p ${restoredPort} -c archive_mode=off -c unix_socket_directories=${dir}`,
    "-w",
    "-t",
    "300",
    "start",
  );
  onCleanup("PostgreSQL (restored)", () => pgCtl("-D", restored, "-m", "immediate", "stop"));
  const restoredUrl = superUrl(restoredPort, "samspill");
  await waitFor(
    "the restored server to finish recovery",
    async () => {
      const c = new pg.Client({ connectionString: restoredUrl });
      c.on("error", () => undefined);
      try {
        await c.connect();
        return !(await c.query<{ r: boolean }>("select pg_is_in_recovery() as r")).rows[0].r;
      } finally {
        await c.end().catch(() => undefined);
      }
    },
    300_000,
    200,
  );
  const recoverySeconds = (now() - t0) / 1000;
  log(
    `restored to T and promoted in ${recoverySeconds.toFixed(1)} s (pgbackrest restore ${restoreSeconds.toFixed(1)} s, then WAL replay)`,
  );

  // ------------------------------------------------------------------------------------------------ compare
  const differing: string[] = [];
  for (const tenant of tenants) {
    const now_ = await checksums(restoredUrl, tenant.id);
    const then = atT.get(tenant.slug)!;
    for (const table of Object.keys({ ...then, ...now_ })) {
      if (JSON.stringify(then[table]) !== JSON.stringify(now_[table])) differing.push(`${tenant.slug}.${table}`);
    }
  }
  const c = new pg.Client({ connectionString: restoredUrl });
  await c.connect();
  const [counts] = (
    await c.query<{ before: number; after: number }>(
      `select count(*) filter (where note like $1)::int as before, count(*) filter (where note like $2)::int as after from "Activity"`,
      [`restore-drill ${runId} before %`, `restore-drill ${runId} after %`],
    )
  ).rows;
  await c.end();

  console.log("");
  console.log(
    `restore to T: ${tenants.length} tenants compared, ${differing.length ? `DIFFERENT: ${differing.join(", ")}` : "every tenant's checksums equal to those at T"}`,
  );
  console.log(
    `writes before T in the restored database: ${counts.before} of ${before}; after T: ${counts.after} (goal 0)`,
  );
  console.log(
    `full backup ${backupSeconds.toFixed(1)} s; recovery (restore + replay to T + promote) ${recoverySeconds.toFixed(1)} s; ` +
      `WAL lag at the end of the writes ${archive.seconds?.toFixed(1) ?? "?"} s since the last archived segment (archive_timeout 10 s)`,
  );
  mkdirSync("test-results", { recursive: true });
  writeFileSync(
    `test-results/drill-restore-${runId}.json`,
    JSON.stringify(
      {
        at: new Date().toISOString(),
        t,
        backupSeconds,
        recoverySeconds,
        restoreSeconds,
        walLagSeconds: archive.seconds,
        segmentsBehind,
        before,
        after,
        differing,
        restoredBefore: counts.before,
        restoredAfter: counts.after,
      },
      null,
      2,
    ),
  );
  const ok = differing.length === 0 && counts.before === before && counts.after === 0;
  console.log(ok ? "✓ restored exactly to T" : "✗ the restore does not match T");
  return ok ? 0 : 1;
});
