/**
 * A real load balancer in front of several `next start` processes, for `npm run loadtest -- --instances n`:
 * HAProxy from Debian (`apt-get install haproxy`), started in the foreground with a configuration written for
 * the run and stopped with the script. Round-robin, no sticky sessions, HTTP keep-alive to the client and to
 * the servers, `X-Forwarded-For` added. Its runtime API (a Unix socket, spoken to with node:net) counts the
 * requests each server answered and takes a server out of or back into the rotation.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import os from "node:os";
import path from "node:path";
import { onCleanup } from "./app.ts";

export type Balancer = {
  baseUrl: string;
  /** Requests each server has answered so far (HAProxy's `stot`), by server name. */
  counts: () => Promise<Map<string, number>>;
  /** Puts a server in or out of the rotation ("ready" / "maint"). */
  setServer: (name: string, state: "ready" | "maint") => Promise<void>;
};

export function haproxyVersion(): string | null {
  const answer = spawnSync("haproxy", ["-v"], { encoding: "utf8" });
  return answer.status === 0 ? (/version (\S+)/.exec(answer.stdout)?.[1] ?? "unknown") : null;
}

export async function startBalancer(options: {
  port: number;
  servers: { name: string; port: number }[];
  log: (m: string) => void;
}): Promise<Balancer> {
  const version = haproxyVersion();
  if (!version) throw new Error("HAProxy is not installed: apt-get install -y haproxy");
  const dir = mkdtempSync(path.join(os.tmpdir(), "samspill-haproxy-"));
  const socket = path.join(dir, "admin.sock");
  const config = path.join(dir, "haproxy.cfg");
  writeFileSync(
    config,
    [
      "global",
      `  stats socket ${socket} mode 600 level admin`,
      "  maxconn 4096",
      "defaults",
      "  mode http",
      "  option http-keep-alive",
      "  option forwardfor",
      "  timeout connect 5s",
      "  timeout client 60s",
      "  timeout server 60s",
      "  timeout http-keep-alive 60s",
      "frontend samspill",
      `  bind 127.0.0.1:${options.port}`,
      "  default_backend app",
      "backend app",
      "  balance roundrobin",
      "  http-reuse never",
      "  option httpchk GET /api/health",
      ...options.servers.map((s) => `  server ${s.name} 127.0.0.1:${s.port} check inter 2s`),
      "",
    ].join("\n"),
  );
  const child = spawn("haproxy", ["-db", "-f", config], { stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    stream.on("data", (c: Buffer) => output.push(...c.toString("utf8").split("\n").filter(Boolean)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  onCleanup("haproxy", async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const command = (line: string) =>
    new Promise<string>((resolve, reject) => {
      const s = connect(socket);
      let answer = "";
      s.on("data", (c) => {
        answer += c.toString("utf8");
      });
      s.on("end", () => resolve(answer));
      s.on("error", reject);
      s.end(`${line}\n`);
    });
  const balancer: Balancer = {
    baseUrl: `http://localhost:${options.port}`,
    async counts() {
      const csv = (await command("show stat")).split("\n").filter(Boolean);
      const header = csv[0].replace(/^# /, "").split(",");
      const [px, sv, stot] = ["pxname", "svname", "stot"].map((h) => header.indexOf(h));
      const counts = new Map<string, number>();
      for (const line of csv.slice(1)) {
        const f = line.split(",");
        if (f[px] === "app" && f[sv] !== "BACKEND") counts.set(f[sv], Number(f[stot]));
      }
      return counts;
    },
    async setServer(name, state) {
      const answer = await command(`set server app/${name} state ${state}`);
      if (answer.trim()) throw new Error(`haproxy: ${answer.trim()}`);
    },
  };

  // Up when every server is in the rotation (its health check passed).
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited (${child.exitCode}):\n${output.join("\n")}`);
    const states = await command("show servers state app").catch(() => "");
    // Fields: be_id be_name srv_id srv_name srv_addr srv_op_state (2 = running) …
    const running = states
      .split("\n")
      .filter((l) => /^\d+ app /.test(l))
      .filter((l) => l.split(" ")[5] === "2").length;
    if (running === options.servers.length) break;
    if (Date.now() > deadline)
      throw new Error(
        `haproxy: ${running} of ${options.servers.length} servers healthy after 30 s\n${output.join("\n")}`,
      );
    await new Promise((r) => setTimeout(r, 300));
  }
  options.log(
    `HAProxy ${version} on ${balancer.baseUrl}: round-robin over ${options.servers.map((s) => `${s.name} (:${s.port})`).join(", ")}, no sticky sessions`,
  );
  return balancer;
}
