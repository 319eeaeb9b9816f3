/**
 * Tenant isolation, swept over everything the app serves.
 *
 * Every page (app/**\/page.tsx), route handler (app/**\/route.ts, every exported method) and server action
 * (every `export async function` of every app/**\/actions.ts) is found on disk at test time and checked
 * against the build's manifests; tests/e2e/isolation/coverage.ts only says how to aim each dynamic segment,
 * action parameter and action at the victim (Verdal). A route, segment, action or action parameter that is not
 * described there fails the first test, so nothing new goes unswept.
 *
 * The sweep then requests each of them as each attacker — signed out, and the partner viewer, coordinator and
 * administrator of another municipality (Åre) — with Verdal's slug and real record ids (A), with the attacker's
 * own slug and Verdal's record ids (B), and, for actions that take references, with the attacker's own records
 * and Verdal's ids in the form (C). Each answer must be 404/403/401 (or sign-in for signed-out visitors; an
 * action answers "not found", or "invalid input" on the field that names the foreign id), never 5xx, and must
 * contain nothing of Verdal's (codes, names, e-mails, record ids the request did not name). Actions that are
 * plain form posts (the import's steps) answer every call with a redirect; theirs must carry the refusal
 * (`?error=`). Every attacker also uploads a real file to Verdal's import. Before and after, Verdal's
 * administrator reads the targeted records (an import draft among them, also in the database) and the audit
 * log: nothing may have changed, no event may be recorded in Verdal by anyone but Verdal's own members, and
 * no import draft of Verdal's may have been made by anyone else.
 *
 * Server actions and bound arguments: `action.bind(null, tenant, id)` arguments are not protected by Next — a
 * server component sends them to the browser in clear in the Flight payload, and client components bind them
 * in the browser; the browser sends them back with every call. Only variables captured by inline "use server"
 * closures are encrypted. So every argument, the tenant slug included, is attacker-controlled; the sweep calls
 * each action over HTTP exactly like React's client does (see isolation/client.ts), and a separate test checks
 * that each action starts by resolving its tenant argument for the signed-in user (runTenantAction) or is an
 * allow-listed public action. The use cases' own checks with foreign ids are covered in tests/integration/.
 */
import { expect, test } from "./fixtures";
import {
  actionFiles,
  appRoutes,
  builtActions,
  builtRoutes,
  fillPattern,
  handlerMethods,
  otherServerActionSources,
  parseActions,
  workerPattern,
  type AppRoute,
  type ServerAction,
} from "./isolation/inventory.ts";
import {
  ACTION_PARAMS,
  ATTACKER_TENANT,
  LOCALE,
  NOT_FOUND_ROUTES,
  PUBLIC_ACTIONS,
  PUBLIC_ROUTES,
  QUERY_PROBES,
  ROLES,
  SEGMENTS,
  SELF_SCOPED_ROUTES,
  TENANT_ACTIONS,
  VICTIM,
  actionPageUrl,
  boundArguments,
  type Variant,
} from "./isolation/coverage.ts";
import {
  actionRedirectTarget,
  callAction,
  flight,
  formData,
  get,
  mapLimit,
  openSession,
  postMultipart,
  send,
  type ActionAnswer,
  type ActionState,
  type Answer,
  type Session,
} from "./isolation/client.ts";
import {
  auditLog,
  canaries,
  collectTenant,
  fingerprint,
  leaks,
  uploadImportDraft,
  type TenantIds,
  type Victim,
} from "./isolation/tenant-data.ts";
import { query } from "./database.ts";

const PARALLEL = 8;
const PNG_1PX = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";
const ACTION_STATE_TYPE = /^ActionState$/;
const FORM_DATA_TYPE = /^FormData$/;

const routes = appRoutes();
const actions: ServerAction[] = actionFiles().flatMap(parseActions);
// What the first test finds unclassified is left out of the sweep (that test fails), so the rest still runs.
const sweptRoutes = routes.filter((r) => r.params.every((p) => SEGMENTS[p]));
const sweptActions = () => {
  const manifest = builtActions() ?? [];
  return actions.filter(
    (a) =>
      manifest.some((m) => m.file === a.file && m.name === a.name) &&
      a.params.slice(0, -2).every((p) => ACTION_PARAMS[p.name]),
  );
};

const victimSegments = (r: AppRoute) => r.params.filter((p) => SEGMENTS[p]?.victim);
const recordSegments = (r: AppRoute) =>
  r.params.filter((p) => SEGMENTS[p]?.victim && p !== "tenant" && p !== "partnership");

test("every page, route handler and server action is covered by the isolation sweep", () => {
  const problems: string[] = [];
  const patterns = routes.map((r) => r.pattern);
  for (const r of routes) {
    for (const p of r.params)
      if (!SEGMENTS[p])
        problems.push(
          `${r.file}: dynamic segment [${p}] is not in SEGMENTS (tests/e2e/isolation/coverage.ts): say how to fill it with the victim's record`,
        );
    const classified = PUBLIC_ROUTES[r.pattern] || SELF_SCOPED_ROUTES[r.pattern] || victimSegments(r).length > 0;
    if (!classified)
      problems.push(
        `${r.file}: names no tenant or record; add it to PUBLIC_ROUTES or SELF_SCOPED_ROUTES with a reason, or give it a victim segment`,
      );
    if (r.kind === "handler" && handlerMethods(r.file).length === 0)
      problems.push(`${r.file}: exports no HTTP method the sweep recognises`);
  }
  for (const p of Object.keys(PUBLIC_ROUTES))
    if (!patterns.includes(p)) problems.push(`PUBLIC_ROUTES lists ${p}, which no longer exists`);
  for (const p of Object.keys(SELF_SCOPED_ROUTES))
    if (!patterns.includes(p)) problems.push(`SELF_SCOPED_ROUTES lists ${p}, which no longer exists`);
  for (const p of Object.keys(NOT_FOUND_ROUTES))
    if (!patterns.includes(p)) problems.push(`NOT_FOUND_ROUTES lists ${p}, which no longer exists`);

  const built = builtRoutes();
  if (!built) problems.push("no production build (.next/app-path-routes-manifest.json): run `next build`");
  else {
    for (const p of built)
      if (!patterns.includes(p)) problems.push(`the build has route ${p}, which the file-system scan does not find`);
    for (const p of patterns)
      if (!built.includes(p))
        problems.push(`route ${p} is not in the build: the build is older than app/ — run \`next build\``);
  }

  const names = actions.map((a) => a.name);
  for (const a of actions) {
    const tenant = TENANT_ACTIONS[a.name];
    const pub = PUBLIC_ACTIONS[a.name];
    if (!tenant && !pub)
      problems.push(
        `${a.file}: action ${a.name} is not in TENANT_ACTIONS or PUBLIC_ACTIONS (tests/e2e/isolation/coverage.ts)`,
      );
    if (tenant && pub) problems.push(`${a.name} is in both TENANT_ACTIONS and PUBLIC_ACTIONS`);
    if (names.filter((n) => n === a.name).length > 1)
      problems.push(`two actions are named ${a.name}: the sweep keys actions by name`);
    const tail = a.params.slice(-2);
    if (tail.length !== 2 || !ACTION_STATE_TYPE.test(tail[0].type) || !FORM_DATA_TYPE.test(tail[1].type)) {
      problems.push(`${a.file}: ${a.name} does not end in (state: ActionState, form: FormData)`);
    }
    for (const p of a.params.slice(0, -2))
      if (!ACTION_PARAMS[p.name])
        problems.push(`${a.file}: ${a.name}(${p.name}) — parameter "${p.name}" is not in ACTION_PARAMS`);
  }
  for (const n of [...Object.keys(TENANT_ACTIONS), ...Object.keys(PUBLIC_ACTIONS)])
    if (!names.includes(n)) problems.push(`coverage.ts describes action ${n}, which no longer exists`);
  problems.push(...otherServerActionSources());

  const manifest = builtActions();
  if (!manifest) problems.push("no .next/server/server-reference-manifest.json: run `next build`");
  else {
    for (const m of manifest) {
      if (!actions.some((a) => a.file === m.file && a.name === m.name))
        problems.push(`the build has server action ${m.file}#${m.name}, which the actions.ts scan does not find`);
      for (const w of m.workers)
        if (!patterns.includes(workerPattern(w)))
          problems.push(`server action ${m.name} is used by ${w}, which is not a scanned page`);
    }
    for (const a of actions)
      if (!manifest.some((m) => m.file === a.file && m.name === a.name))
        problems.push(`${a.file}#${a.name} is not in the build: run \`next build\``);
  }
  expect(problems).toEqual([]);
  test.info().annotations.push({
    type: "inventory",
    description: `${routes.filter((r) => r.kind === "page").length} pages, ${routes.filter((r) => r.kind === "handler").length} route handlers, ${actions.length} server actions`,
  });
});

test("every server action starts by resolving its tenant argument for the signed-in user, or is an allow-listed public action", () => {
  const problems: string[] = [];
  // Nothing may run before the frame but plain declarations: `let x: T = literal;` / `let x: T;`.
  const preamble =
    /^\s*(?:let\s+\w+(?:\s*:\s*[^=;]+)?(?:\s*=\s*(?:null|undefined|true|false|\d+|"[^"]*"))?\s*;\s*)*(?:return\s+|const\s+\w+\s*=\s*await\s+)$/;
  for (const a of actions) {
    const m = /\b(runTenantAction|runPublicAction)\(\s*(\w+)?/.exec(a.body);
    if (!m) {
      problems.push(`${a.file}: ${a.name} calls neither runTenantAction nor runPublicAction`);
      continue;
    }
    if (!preamble.test(a.body.slice(0, m.index)))
      problems.push(
        `${a.file}: ${a.name} does something before ${m[1]}(…): ${a.body.slice(0, m.index).trim().slice(0, 80)}`,
      );
    if (m[1] === "runTenantAction") {
      if (m[2] !== "tenant" || !a.params.some((p) => p.name === "tenant"))
        problems.push(`${a.file}: ${a.name} must pass its own \`tenant\` parameter to runTenantAction (found ${m[2]})`);
      if (!TENANT_ACTIONS[a.name]) problems.push(`${a.name} runs for a tenant but is not in TENANT_ACTIONS`);
    } else if (!PUBLIC_ACTIONS[a.name]) {
      problems.push(
        `${a.file}: ${a.name} uses runPublicAction but is not in PUBLIC_ACTIONS (with the reason it needs no tenant)`,
      );
    }
  }
  expect(problems).toEqual([]);
});

// ------------------------------------------------------------------------------------------------ the sweep

type Check = { who: string; what: string; answer: string; problems: string[] };

function expectDenied(res: Answer, signedOut: boolean): string[] {
  const out: string[] = [];
  if (res.status >= 500) out.push(`answered ${res.status}`);
  else if (signedOut && res.status >= 300 && res.status < 400) {
    if (!/^(https?:\/\/[^/]+)?\/[a-z]{2}\/signin(\?|$)/.test(res.location ?? ""))
      out.push(`redirected to ${res.location}, not to sign-in`);
  } else if (![401, 403, 404].includes(res.status))
    out.push(
      `answered ${res.status}${res.location ? ` → ${res.location}` : ""}, not 404/403/401${signedOut ? " or sign-in" : ""}`,
    );
  return out;
}

test("another municipality's users, and signed-out visitors, get nothing of Verdal's from any route or action, and change nothing", async ({
  baseURL,
}) => {
  test.setTimeout(360_000);
  const started = Date.now();
  const base = baseURL!;
  const rand = Math.random().toString(36).slice(2, 8);

  // ----- set-up: the attackers' sessions; Verdal's ids, and a partnership, an invitation, a logo and an import draft of Verdal's only
  const victimAdmin = await openSession(base, "Verdal's administrator", VICTIM.admin);
  const sessions = await Promise.all(ROLES.map((r) => openSession(base, r.label, r.email)));
  const attackerAdmin = sessions.find((s) => s.email === ATTACKER_TENANT.admin)!;
  const manifest = builtActions()!;
  const actionId = (name: string) => manifest.find((m) => m.name === name)!;

  const victim =
    await test.step("set up: Verdal's records, and a partnership, an invitation, a logo and an import draft only Verdal has", async () => {
      const partnershipSlug = `verdal-iso-${rand}`;
      const partnershipName = `Verdal isolasjonstest ${rand}`;
      const created = await callAction(
        victimAdmin,
        `/${LOCALE}/t/${VICTIM.slug}/settings`,
        actionId("createPartnershipAction").id,
        base,
        [VICTIM.slug, { status: "idle" }, formData({ name: partnershipName, slug: partnershipSlug, description: "" })],
      );
      // Also the proof that actions called this way really run: Verdal's own administrator succeeds.
      expect(created.state, "Verdal's administrator creates a partnership through the action over HTTP").toMatchObject({
        status: "ok",
      });
      const email = `isolasjon-${rand}@example.invalid`;
      const invited = await callAction(
        victimAdmin,
        `/${LOCALE}/t/${VICTIM.slug}/members`,
        actionId("inviteAction").id,
        base,
        [LOCALE, VICTIM.slug, { status: "idle" }, formData({ email, role: "COORDINATOR" })],
      );
      expect(invited.state, "Verdal's administrator invites someone through the action over HTTP").toMatchObject({
        status: "ok",
      });
      const token = new URL(invited.state!.data!.link).searchParams.get("token")!;

      // A logo, so that the logo route has something of Verdal's to withhold (the same settings otherwise).
      let settings = (await flight(victimAdmin, `/${LOCALE}/t/${VICTIM.slug}/settings`)).body;
      const current =
        /"values":\{"name":"([^"]+)","defaultLocale":"([a-z]{2})","retentionMonths":(\d+),"disclosureThreshold":(\d+)/.exec(
          settings,
        );
      expect(current, "Verdal's current settings").toBeTruthy();
      const logoForm = formData({
        name: current![1],
        defaultLocale: current![2],
        retentionMonths: current![3],
        disclosureThreshold: current![4],
      });
      logoForm.append("logo", new File([Buffer.from(PNG_1PX, "base64")], "logo.png", { type: "image/png" }));
      const logo = await callAction(
        victimAdmin,
        `/${LOCALE}/t/${VICTIM.slug}/settings`,
        actionId("updateSettingsAction").id,
        base,
        [VICTIM.slug, { status: "idle" }, logoForm],
      );
      expect(logo.state, "Verdal's administrator uploads a logo through the action over HTTP").toMatchObject({
        status: "ok",
      });

      // An import draft: a file uploaded as the upload page's script does, then mapped through the form-post action
      // (also the proof that such an action called this way runs: it answers with a redirect to the draft, no error).
      const draftFileName = `isolasjon-${rand}.csv`;
      const draftReference = `ISO-${rand}`;
      const draftId = await uploadImportDraft(victimAdmin, VICTIM.slug, {
        fileName: draftFileName,
        reference: draftReference,
      });
      const mapped = await callAction(
        victimAdmin,
        `/${LOCALE}/t/${VICTIM.slug}/import/${draftId}`,
        actionId("saveImportMappingAction").id,
        base,
        [
          LOCALE,
          VICTIM.slug,
          draftId,
          { status: "idle" },
          formData({
            "column.0": "reference",
            "column.1": "targetGroup",
            "column.2": "consentDate",
            "column.3": "consentFollowUp",
          }),
        ],
      );
      expect(
        actionRedirectTarget(mapped),
        "Verdal's administrator maps the draft's columns through the action over HTTP",
      ).toEqual({ url: `/${LOCALE}/t/${VICTIM.slug}/import/${draftId}`, error: null });

      const ids = await collectTenant(victimAdmin, VICTIM.slug, VICTIM.organisation);
      settings = (await flight(victimAdmin, `/${LOCALE}/t/${VICTIM.slug}/settings`)).body;
      const partnershipId = /"partnershipId":"([a-z0-9]+)"/.exec(settings)?.[1];
      const members = (await flight(victimAdmin, `/${LOCALE}/t/${VICTIM.slug}/members`)).body;
      const invitationId = new RegExp(`"invitationId":"([a-z0-9]+)","email":"${email.replace(/\./g, "\\.")}"`).exec(
        members,
      )?.[1];
      const tenantId = (await auditLog(victimAdmin, VICTIM.slug))
        .find((r) => r.action === "tenant.seeded")
        ?.line.split(",")[4];
      expect(
        partnershipId && invitationId && tenantId,
        "the partnership, invitation and tenant ids were found",
      ).toBeTruthy();
      return {
        ...ids,
        name: VICTIM.name,
        tenantId: tenantId!,
        partnershipId: partnershipId!,
        partnershipSlug,
        partnershipName,
        invitationId: invitationId!,
        invitationToken: token,
        draftId,
        draftFileName,
        draftReference,
      } satisfies Victim;
    });
  // The attacker's own draft: the controls open it, so Verdal's draft's 404 is about the id.
  const own: TenantIds = {
    ...(await collectTenant(attackerAdmin, ATTACKER_TENANT.slug)),
    draftId: await uploadImportDraft(attackerAdmin, ATTACKER_TENANT.slug, {
      fileName: `isolasjon-are-${rand}.csv`,
      reference: `ISO-ARE-${rand}`,
    }),
  };
  const canaryList = canaries(victim, own);
  expect(canaryList.length).toBeGreaterThan(50);

  await test.step("controls: every swept URL works for its owner, and Verdal's own pages do show the canaries", async () => {
    const isDenied = (r: AppRoute) =>
      !PUBLIC_ROUTES[r.pattern] &&
      !SELF_SCOPED_ROUTES[r.pattern] &&
      (r.kind === "page" || handlerMethods(r.file).includes("GET"));
    const controls: { session: Session; url: string; status: number }[] = [];
    for (const route of sweptRoutes.filter(isDenied)) {
      // A route that is not found by design answers its owner 404 too (under the owner's workspace).
      const status = NOT_FOUND_ROUTES[route.pattern] ? 404 : 200;
      controls.push({
        session: victimAdmin,
        url: fillPattern(route.pattern, (name) => SEGMENTS[name].fill({ tenant: VICTIM.slug, victim })),
        status,
      });
      if (route.params.includes("tenant") && recordSegments(route).length > 0) {
        // The attacker's own record at the same route answers, so the 404 for Verdal's id is about the id.
        controls.push({
          session: attackerAdmin,
          url: fillPattern(route.pattern, (name) =>
            name === "tenant"
              ? ATTACKER_TENANT.slug
              : (ACTION_PARAMS[name]?.pick?.(own) ?? SEGMENTS[name].fill({ tenant: ATTACKER_TENANT.slug, victim })),
          ),
          status,
        });
      }
    }
    const answers = await mapLimit(controls, PARALLEL, (c) => get(c.session, c.url));
    const broken = answers
      .map((a, i) =>
        a.status === controls[i].status
          ? null
          : `${controls[i].session.label}: GET ${controls[i].url} answered ${a.status}${a.location ? ` → ${a.location}` : ""}`,
      )
      .filter(Boolean);
    expect(broken, "every URL the sweep aims at works for the one it belongs to").toEqual([]);
    const list = await get(victimAdmin, `/${LOCALE}/t/${VICTIM.slug}/participants`);
    const shown = leaks(list.body, canaryList, "");
    expect(
      shown,
      "Verdal's participant list shows Verdal's codes and names (so the canaries would catch them)",
    ).toEqual(expect.arrayContaining([victim.participantCodes[0], VICTIM.name]));
  });

  const before = await test.step("before: Verdal's targeted records and audit log", async () => ({
    fingerprint: await fingerprint(victimAdmin, victim),
    audit: await auditLog(victimAdmin, VICTIM.slug),
  }));

  // ----- pages and route handlers
  const checks: Check[] = [];
  let requests = 0;
  await test.step("pages and route handlers", async () => {
    type Job = {
      session: Session;
      method: string;
      url: string;
      mode: "denied" | "public" | "self" | "own-page";
      upload?: true;
    };
    const jobs: Job[] = [];
    for (const route of sweptRoutes) {
      const methods = route.kind === "page" ? ["GET"] : handlerMethods(route.file);
      const variants: { tenant: string }[] = [{ tenant: VICTIM.slug }];
      if (route.params.includes("tenant") && recordSegments(route).length > 0)
        variants.push({ tenant: ATTACKER_TENANT.slug });
      for (const variant of PUBLIC_ROUTES[route.pattern] || SELF_SCOPED_ROUTES[route.pattern]
        ? [variants[0]]
        : variants) {
        const url = fillPattern(route.pattern, (name) => SEGMENTS[name].fill({ tenant: variant.tenant, victim }));
        const mode = PUBLIC_ROUTES[route.pattern] ? "public" : SELF_SCOPED_ROUTES[route.pattern] ? "self" : "denied";
        for (const session of sessions) for (const method of methods) jobs.push({ session, method, url, mode });
      }
    }
    for (const probe of QUERY_PROBES) {
      for (const session of sessions)
        if (session.email)
          jobs.push({ session, method: "GET", url: probe(ATTACKER_TENANT.slug, victim), mode: "own-page" });
    }
    // A real file into Verdal's import (the sweep's own POST above has no body): refused, and no draft is made
    // (checked in the database afterwards).
    for (const session of sessions)
      jobs.push({
        session,
        method: "POST (a CSV file)",
        url: `/api/t/${VICTIM.slug}/import?locale=${LOCALE}`,
        mode: "denied",
        upload: true,
      });
    const csv = Buffer.from(`Referanse;Målgruppe\r\nISO-ANGREP-${rand};Innvandrer\r\n`, "utf8");
    await mapLimit(jobs, PARALLEL, async (job) => {
      const res = job.upload
        ? await postMultipart(
            job.session,
            job.url,
            { file: { name: "angrep.csv", mimeType: "text/csv", buffer: csv } },
            { accept: "application/json" },
          )
        : await send(job.session, job.method, job.url);
      requests++;
      const problems: string[] = [];
      const signedOut = !job.session.email;
      if (job.mode === "public") {
        if (res.status >= 500) problems.push(`answered ${res.status}`);
      } else {
        if (job.mode === "denied") problems.push(...expectDenied(res, signedOut));
        else if (res.status >= 500) problems.push(`answered ${res.status}`);
        if (job.mode === "self" && res.location && new RegExp(`/t/${VICTIM.slug}(/|$)`).test(res.location))
          problems.push(`redirected into Verdal's workspace (${res.location})`);
        const leaked = leaks(res.body, canaryList, job.url);
        if (leaked.length)
          problems.push(
            `the answer contains Verdal's ${leaked
              .slice(0, 5)
              .map((s) => JSON.stringify(s))
              .join(", ")}`,
          );
      }
      checks.push({
        who: job.session.label,
        what: `${job.method} ${job.url}`,
        answer: `${res.status}${res.location ? ` → ${res.location}` : ""}`,
        problems,
      });
    });
    const failed = checks.filter((c) => c.problems.length).map((c) => `${c.who}: ${c.what}: ${c.problems.join("; ")}`);
    expect.soft(failed, "pages and route handlers").toEqual([]);
  });

  // ----- server actions
  const actionChecks: Check[] = [];
  await test.step("server actions", async () => {
    type Job = {
      session: Session;
      action: ServerAction;
      variant: Variant | "public";
      pageUrl: string;
      args: unknown[];
      refs: string[];
    };
    const jobs: Job[] = [];
    for (const action of sweptActions()) {
      const m = manifest.find((x) => x.file === action.file && x.name === action.name)!;
      const worker = workerPattern(m.workers[0]);
      const probe = TENANT_ACTIONS[action.name];
      if (probe) {
        for (const variant of probe.variants) {
          const tenant = variant === "A" ? VICTIM.slug : ATTACKER_TENANT.slug;
          const owner = variant === "C" ? own : victim;
          const args: unknown[] = [
            ...boundArguments(action, tenant, owner),
            { status: "idle" },
            formData(probe.form(victim, owner)),
          ];
          const pageUrl = actionPageUrl(worker, tenant, owner, victim);
          for (const session of sessions) jobs.push({ session, action, variant, pageUrl, args, refs: probe.refs });
        }
      } else {
        const pub = PUBLIC_ACTIONS[action.name];
        if (!pub?.form) continue;
        const pageUrl = fillPattern(worker, (name) => SEGMENTS[name].fill({ tenant: VICTIM.slug, victim }));
        for (const session of sessions)
          jobs.push({
            session,
            action,
            variant: "public",
            pageUrl,
            args: [{ status: "idle" }, formData(pub.form(victim))],
            refs: pub.refs,
          });
      }
    }
    await mapLimit(jobs, PARALLEL, async (job) => {
      const m = manifest.find((x) => x.file === job.action.file && x.name === job.action.name)!;
      const res: ActionAnswer = await callAction(job.session, job.pageUrl, m.id, base, job.args);
      requests++;
      const signedOut = !job.session.email;
      const problems: string[] = [];
      // A form-post action's refusal is the redirect's ?error= (coverage.ts: `redirects`); any other redirect is a success.
      const redirect = actionRedirectTarget(res);
      const refusedByRedirect =
        job.variant !== "public" && TENANT_ACTIONS[job.action.name].redirects === true && !!redirect?.error;
      const s: ActionState | null =
        res.state ?? (refusedByRedirect ? { status: "error", message: redirect.error! } : null);
      const fieldKeys = s && typeof s.fieldErrors === "object" ? Object.keys(s.fieldErrors) : [];
      if (refusedByRedirect && job.variant !== "A" && new RegExp(`/t/${VICTIM.slug}(/|$)`).test(redirect.url))
        problems.push(`redirected into Verdal's workspace (${redirect.url})`);
      if (res.status >= 500) problems.push(`answered ${res.status}`);
      else if (redirect && !refusedByRedirect) problems.push(`succeeded and redirected to ${res.actionRedirect}`);
      else if (signedOut && res.status >= 300 && res.status < 400) {
        if (!/\/[a-z]{2}\/signin(\?|$)/.test(res.location ?? ""))
          problems.push(`redirected to ${res.location}, not to sign-in`);
      } else if (!s) problems.push(`answered ${res.status} without an action result: ${res.body.slice(0, 120)}`);
      else if (s.status !== "error") problems.push(`was carried out: ${JSON.stringify(s)}`);
      else if (s.message === "errors:generic")
        problems.push("failed with an unexpected server error (errors:generic: see the server log)");
      else if (job.variant !== "public") {
        const refused =
          s.message === "errors:notFound" ||
          (signedOut && s.message === "errors:signedOut") ||
          (job.variant !== "A" &&
            s.message === "errors:invalidInput" &&
            fieldKeys.length > 0 &&
            fieldKeys.every((k) => job.refs.includes(k)));
        if (!refused)
          problems.push(
            `was refused with ${s.message} ${JSON.stringify(s.fieldErrors ?? {})}, not "not found" (or invalid input on ${job.refs.join("/") || "a reference field"})`,
          );
      }
      const leaked = leaks(
        res.body,
        canaryList,
        JSON.stringify(job.args, (_, v: unknown) => (v instanceof FormData ? Object.fromEntries(v) : v)) + job.pageUrl,
      );
      if (leaked.length)
        problems.push(
          `the answer contains Verdal's ${leaked
            .slice(0, 5)
            .map((x) => JSON.stringify(x))
            .join(", ")}`,
        );
      const answered = s
        ? `${s.status} ${s.message ?? ""} ${s.fieldErrors && typeof s.fieldErrors === "object" ? JSON.stringify(s.fieldErrors) : ""}`.trim()
        : `${res.status}${res.location ? ` → ${res.location}` : ""}`;
      actionChecks.push({
        who: job.session.label,
        what: `${job.action.name} [${job.variant}] via ${job.pageUrl}`,
        answer: answered,
        problems,
      });
    });
    const failed = actionChecks
      .filter((c) => c.problems.length)
      .map((c) => `${c.who}: ${c.what}: ${c.problems.join("; ")}`);
    expect.soft(failed, "server actions").toEqual([]);
  });

  // ----- nothing changed
  await test.step("after: Verdal's records are unchanged and its audit log has no event by anyone but its members", async () => {
    const after = await fingerprint(victimAdmin, victim);
    expect.soft(after, "Verdal's targeted records").toEqual(before.fingerprint);
    const rows = await auditLog(victimAdmin, VICTIM.slug);
    const seen = new Map<string, number>();
    for (const r of before.audit) seen.set(r.line, (seen.get(r.line) ?? 0) + 1);
    const added = rows.filter((r) => {
      const n = seen.get(r.line) ?? 0;
      if (n > 0) seen.set(r.line, n - 1);
      return n === 0;
    });
    expect.soft(added.length, "the before/after reads themselves are audited").toBeGreaterThan(0);
    // Namesakes carry their e-mail ("Kari Vold (kari@…)" on the members page, "Kari Vold <kari@…>" in the log).
    const who = (label: string) => /[(<]([^()<>\s]+@[^()<>\s]+)[)>]/.exec(label)?.[1] ?? label.trim();
    const members = new Set(victim.memberNames.map(who));
    const strangers = added.filter((r) => !members.has(who(r.user)));
    expect
      .soft(
        strangers.map((r) => r.line),
        `events recorded in Verdal by someone who is not a member (${victim.memberNames.join(", ")})`,
      )
      .toEqual([]);
    const lost = before.audit.length + added.length - rows.length;
    expect.soft(lost, "audit events that disappeared").toBe(0);
    const foreignDrafts = await query(
      `select d.id, d."fileName", d."createdById" from "ImportDraft" d where d."tenantId" = $1
         and not exists (select 1 from "Membership" m where m."tenantId" = d."tenantId" and m."userId" = d."createdById")`,
      [victim.tenantId],
    );
    expect.soft(foreignDrafts, "import drafts in Verdal made by someone who is not a member").toEqual([]);
  });

  await test.step("clean-up: the owners discard their import drafts through the action over HTTP", async () => {
    for (const [session, slug, draftId] of [
      [victimAdmin, VICTIM.slug, victim.draftId],
      [attackerAdmin, ATTACKER_TENANT.slug, own.draftId],
    ] as const) {
      const res = await callAction(
        session,
        `/${LOCALE}/t/${slug}/import/${draftId}`,
        actionId("discardImportAction").id,
        base,
        [LOCALE, slug, draftId, { status: "idle" }, formData({})],
      );
      expect
        .soft(actionRedirectTarget(res), `${session.label} discards the draft`)
        .toEqual({ url: `/${LOCALE}/t/${slug}/import`, error: null });
    }
  });

  // Every request and its answer, for review: test-results/…/isolation-sweep.json.
  await test.info().attach("isolation-sweep.json", {
    body: JSON.stringify({ routes: checks, actions: actionChecks }, null, 1),
    contentType: "application/json",
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  test.info().annotations.push({
    type: "isolation sweep",
    description: `${checks.length} route requests and ${actionChecks.length} action calls (${requests} in all) as ${sessions.map((s) => s.label).join(", ")}, in ${seconds} s`,
  });
  await Promise.all([victimAdmin, ...sessions].map((s) => s.api.dispose()));
});
