/**
 * The pages section of `npm run bench`: what a rendered page costs the production server (`next start`, the
 * build in .next), in Node CPU per request and in latency at a fixed concurrency, for the signed-in pages a
 * coordinator uses most, each as a ratio to the sign-in page (no session, no data: the framework's floor for a
 * rendered page) measured in the same run on the same server. CPU is the server process's own (/proc), so
 * PostgreSQL's share is not in it. Requests carry what a desktop Chrome or Edge sends with every request, its
 * User-Agent and `Sec-CH-UA-Mobile: ?0` (the dashboard then draws its charts only at the wider size,
 * lib/http/client-hints.ts); the dashboard is measured once more as Safari on an iPhone asks for it (no hint: the
 * User-Agent says it is a phone, so the phone's size).
 */
import { percentile } from "./stats.ts";
import { cpuSeconds, ensureBuild, freePort, signIn, cookieHeader, startApp, cleanup } from "../load/app.ts";

/** What a desktop Chrome or Edge sends with every request (its client hints and User-Agent). */
const CHROME_ON_DESKTOP = {
  "user-agent":
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "sec-ch-ua": '"Google Chrome";v="131", "Chromium";v="131", "Not_A Brand";v="24"',
  "sec-ch-ua-mobile": "?0",
  "sec-ch-ua-platform": '"Windows"',
};
/** Safari sends no client hints: its User-Agent says it is a phone. */
const SAFARI_ON_IPHONE = {
  "user-agent":
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
};

export type PageFigure = {
  page: string;
  path: string;
  requests: number;
  cpuMsPerRequest: number;
  p50: number;
  p95: number;
  ratio: number;
};

export async function benchPages(options: {
  appUrl: string;
  slug: string;
  locale: string;
  email: string;
  participantIds: string[];
  listQuery: string;
  requests: number;
  warmup: number;
  concurrency: number;
  log: (m: string) => void;
}): Promise<PageFigure[]> {
  const { log } = options;
  await ensureBuild({ log });
  const app = await startApp({ appUrl: options.appUrl, port: await freePort(), log });
  try {
    const cookie = await cookieHeader(await signIn(app.baseUrl, options.email));
    const base = `/${options.locale}/t/${options.slug}`;
    let next = 0;
    const pages: { page: string; path: () => string; signedIn: boolean; browser?: Record<string, string> }[] = [
      { page: "sign-in page (no session)", path: () => `/${options.locale}/signin`, signedIn: false },
      { page: "tenant home", path: () => base, signedIn: true },
      { page: "participant list", path: () => `${base}/participants?${options.listQuery}`, signedIn: true },
      {
        page: "participant page",
        path: () => `${base}/participants/${options.participantIds[next++ % options.participantIds.length]}`,
        signedIn: true,
      },
      { page: "dashboard", path: () => `${base}/dashboard`, signedIn: true },
      {
        page: "dashboard (Safari on an iPhone: no hint)",
        path: () => `${base}/dashboard`,
        signedIn: true,
        browser: SAFARI_ON_IPHONE,
      },
    ];
    const get = async (path: string, signedIn: boolean, browser: Record<string, string> = CHROME_ON_DESKTOP) => {
      const started = performance.now();
      const headers = { ...(signedIn ? { cookie } : {}), ...browser };
      const response = await fetch(app.baseUrl + path, { headers, redirect: "manual" });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      return performance.now() - started;
    };
    /** `count` requests, `concurrency` at a time. */
    const run = async (page: (typeof pages)[number], count: number) => {
      const latencies: number[] = [];
      let left = count;
      await Promise.all(
        Array.from({ length: options.concurrency }, async () => {
          while (left-- > 0) latencies.push(await get(page.path(), page.signedIn, page.browser));
        }),
      );
      return latencies;
    };
    // Interleaved, as the queries are: every page in turn, a few requests at a time, so that a change in the
    // machine's other work during the run weighs on every page alike instead of on the pages measured then.
    for (const page of pages) await run(page, options.warmup);
    const chunk = 20;
    const measured = pages.map(() => ({ cpu: 0, latencies: [] as number[] }));
    for (let done = 0; done < options.requests; done += chunk) {
      const count = Math.min(chunk, options.requests - done);
      for (const [i, page] of pages.entries()) {
        const cpuBefore = cpuSeconds(app.pid) ?? NaN;
        measured[i].latencies.push(...(await run(page, count)));
        measured[i].cpu += (cpuSeconds(app.pid) ?? NaN) - cpuBefore;
      }
    }
    const figures: Omit<PageFigure, "ratio">[] = pages.map((page, i) => {
      const { cpu, latencies } = measured[i];
      return {
        page: page.page,
        path: page.path(),
        requests: latencies.length,
        cpuMsPerRequest: (cpu * 1000) / latencies.length,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
      };
    });
    const floor = figures[0].cpuMsPerRequest;
    return figures.map((f) => ({ ...f, ratio: f.cpuMsPerRequest / floor }));
  } finally {
    await cleanup(); // the server and the session, registered by startApp and signIn
  }
}
