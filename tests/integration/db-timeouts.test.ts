/**
 * A database that hangs rather than stops: the app's pool settings (lib/db/client.ts) must turn a statement
 * that runs too long, and a server that stops answering, into an error within a bounded time, and the pool
 * must work again once the server answers. The "hang" is a TCP proxy in front of PostgreSQL that stops
 * forwarding without closing anything, as a frozen server or a broken network path looks to the client.
 */
import { createServer, connect, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { createClient, type Db } from "../../lib/db/client.ts";

let proxy: Server;
let frozen = false;
const sockets = new Set<Socket>();
let client: Db;
const STATEMENT_MS = 400;

beforeAll(async () => {
  const target = new URL(inject("appUrl"));
  proxy = createServer((downstream) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const [from, to] of [
      [downstream, upstream],
      [upstream, downstream],
    ] as const) {
      sockets.add(from);
      from.on("data", (chunk) => {
        if (!frozen) to.write(chunk);
      });
      from.on("error", () => to.destroy());
      from.on("close", () => {
        sockets.delete(from);
        to.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const via = new URL(target);
  via.hostname = "127.0.0.1";
  via.port = String((proxy.address() as { port: number }).port);
  client = createClient(via.href, 2, { statementTimeoutMs: STATEMENT_MS });
});

afterAll(async () => {
  await client.$disconnect();
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => proxy.close(resolve));
});

const elapsed = async (work: () => Promise<unknown>) => {
  const started = Date.now();
  const error = await work().then(
    () => null,
    (e: unknown) => e,
  );
  return { ms: Date.now() - started, error };
};

describe("a database that hangs", () => {
  it("cancels a statement that runs longer than the statement timeout, and the connection stays usable", async () => {
    const { ms, error } = await elapsed(() => client.$queryRaw`select pg_sleep(5)`);
    expect(String(error)).toMatch(/statement timeout/i);
    expect(ms).toBeLessThan(4_000);
    expect(await client.$queryRaw<{ one: number }[]>`select 1 as one`).toEqual([{ one: 1 }]);
  });

  it("gives up on a server that stops answering, and works again when it answers", async () => {
    expect(await client.$queryRaw<{ one: number }[]>`select 1 as one`).toEqual([{ one: 1 }]);
    frozen = true;
    const { ms, error } = await elapsed(() => client.$queryRaw`select 2 as two`);
    frozen = false;
    expect(error).not.toBeNull();
    // The client-side limit is the statement timeout plus 5 s; never the minutes a frozen socket can last.
    expect(ms).toBeGreaterThanOrEqual(STATEMENT_MS);
    expect(ms).toBeLessThan(20_000);
    // Answers again: the connection that timed out is not handed a later query's answer.
    for (let i = 0; i < 4; i++) {
      expect(await client.$queryRaw<{ n: number }[]>`select ${i}::int as n`).toEqual([{ n: i }]);
    }
  }, 40_000);
});
