/**
 * Where the embedded PostgreSQL runs from, and as whom. PostgreSQL refuses to run as root, so a root user runs it
 * as the OS user `postgres`; that user must be able to execute the binaries (shipped in node_modules) and reach
 * the data folder. A clone in a home directory only its owner can enter (root's, in a container or a cloud VM)
 * satisfies neither, so the binaries are then copied to a place every user can reach, and the data folder moves
 * too. The decision is separate from the probing and copying so that a test can drive it.
 */
import path from "node:path";

export type RunAs = { uid: number; gid: number; name: string };

/** What the launcher found out about this machine; the probes run as the user PostgreSQL will run as. */
export type LaunchProbes = {
  /** The binaries as installed (…/native, holding bin/, lib/ and share/). */
  installedDir: string;
  /** Places to copy the binaries to when they cannot run where they are, in order of preference. */
  copyTargets: string[];
  /** Can PostgreSQL's user execute `bin/postgres` in this folder? (copies it there first when needed) */
  canRun: (nativeDir: string) => boolean;
  /** Copies the binaries to `target` (idempotent); false when that place cannot be written. */
  copyTo: (target: string) => boolean;
};

export type LaunchDecision = { ok: true; nativeDir: string; copied: boolean } | { ok: false; tried: string[] };

/** Runs the binaries in place when PostgreSQL's user can, else from the first copy it can run. */
export function decideBinaries(probes: LaunchProbes): LaunchDecision {
  if (probes.canRun(probes.installedDir)) return { ok: true, nativeDir: probes.installedDir, copied: false };
  const tried = [probes.installedDir];
  for (const target of probes.copyTargets) {
    tried.push(target);
    if (probes.copyTo(target) && probes.canRun(target)) return { ok: true, nativeDir: target, copied: true };
  }
  return { ok: false, tried };
}

/** The data folder as asked for when PostgreSQL's user can reach it, else a folder of its own under `fallbackRoot`. */
export function decideDataDir(
  preferred: string,
  reachable: (dir: string) => boolean,
  fallbackRoot: string,
  tag: string,
): { dir: string; moved: boolean } {
  if (reachable(path.dirname(path.resolve(preferred)))) return { dir: preferred, moved: false };
  return { dir: path.join(fallbackRoot, `samspill-${tag}`, path.basename(preferred)), moved: true };
}

/** Raised when no embedded PostgreSQL can be started here; its message is the advice to print, no stack trace. */
export class EmbeddedPostgresUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmbeddedPostgresUnavailable";
  }
}

export function adviceBinariesUnusable(runAs: RunAs | undefined, tried: string[]): string {
  const who = runAs ? `the operating-system user "${runAs.name}" (PostgreSQL does not run as root)` : "this user";
  return [
    `Samspill could not start its embedded PostgreSQL: ${who} cannot execute the PostgreSQL programs in`,
    `${tried.join(", nor in ")}.`,
    "Typical causes are a home directory that other users cannot enter, or a file system mounted noexec.",
    "Either set DATABASE_URL to a PostgreSQL server you have (for example postgresql://postgres@127.0.0.1:5432/samspill),",
    "or clone Samspill into a directory that other users can enter (e.g. /srv or /opt), or run as an ordinary user",
    "rather than root.",
  ].join(" ");
}

export function adviceNoPostgresUser(detail: string): string {
  return [
    "Samspill could not start its embedded PostgreSQL: PostgreSQL refuses to run as root, and there is no",
    `operating-system user "postgres" to run it as, nor could one be created (${detail}).`,
    "Create one (useradd -r postgres), run as an ordinary user, or set DATABASE_URL to a PostgreSQL server you have",
    "(for example postgresql://postgres@127.0.0.1:5432/samspill).",
  ].join(" ");
}

export function adviceUnsupportedPlatform(platform: string, arch: string): string {
  return [
    `Samspill's embedded PostgreSQL has no binaries for ${platform}/${arch} (or npm did not install them).`,
    "Set DATABASE_URL to a PostgreSQL server (version 15 or newer), for example postgresql://postgres@127.0.0.1:5432/samspill.",
  ].join(" ");
}
