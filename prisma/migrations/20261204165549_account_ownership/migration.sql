-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "authAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "device" TEXT,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsedToken" (
    "id" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UsedToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DomainClaim" (
    "tenantId" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "verifiedAt" TIMESTAMP(3),
    "checkedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DomainClaim_pkey" PRIMARY KEY ("tenantId","domain")
);

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE INDEX "UsedToken_expiresAt_idx" ON "UsedToken"("expiresAt");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DomainClaim" ADD CONSTRAINT "DomainClaim_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Issue 25: an account belongs to its holder. Hand-written from here on.

-- One domain belongs to one municipality: at most one verified claim per domain.
CREATE UNIQUE INDEX "DomainClaim_verified_domain_key" ON "DomainClaim"("domain") WHERE "verifiedAt" IS NOT NULL;

ALTER TABLE "DomainClaim" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "DomainClaim" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "DomainClaim"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "DomainClaim", "Session", "UsedToken" TO samspill_app;
-- The owner, as which the SECURITY DEFINER functions below (and samspill_oidc_tenants) read these tables, keeps
-- full access: FORCE binds the owner too, and without a policy of its own they would see no rows where the owner
-- is not a superuser.
DO $$
BEGIN
  EXECUTE format('CREATE POLICY owner_access ON "DomainClaim" TO %I USING (true) WITH CHECK (true)', current_user);
  EXECUTE format('CREATE POLICY owner_access ON "IdentityProvider" TO %I USING (true) WITH CHECK (true)', current_user);
END
$$;

-- The owner runs this migration and FORCE ROW LEVEL SECURITY binds it too: lifted for the data moves below,
-- inside this migration's transaction, and put back at the end.
ALTER TABLE "IdentityProvider" NO FORCE ROW LEVEL SECURITY;
ALTER TABLE "DomainClaim" NO FORCE ROW LEVEL SECURITY;
ALTER TABLE "SignInIdentity" NO FORCE ROW LEVEL SECURITY;
ALTER TABLE "Membership" NO FORCE ROW LEVEL SECURITY;

-- The domains typed into a provider's settings become claims still to be proven: none is trusted any more.
INSERT INTO "DomainClaim" ("tenantId", "domain", "token")
SELECT p."tenantId", d, replace(gen_random_uuid()::text, '-', '')
FROM "IdentityProvider" p, unnest(p."domains") AS d
ON CONFLICT DO NOTHING;
ALTER TABLE "IdentityProvider" DROP COLUMN "domains";

-- Links made before now may have attached an existing account on a provider's e-mail claim alone. Only links
-- to accounts the provider created itself stay (no password, not an operator, a member of no other
-- municipality); the others are made again by their holders, signed in, from the account page.
DELETE FROM "SignInIdentity" l USING "User" u
WHERE u.id = l."userId"
  AND (u."passwordHash" IS NOT NULL OR u."platformAdmin"
       OR EXISTS (SELECT 1 FROM "Membership" m WHERE m."userId" = u.id AND m."tenantId" <> l."tenantId"));

ALTER TABLE "IdentityProvider" FORCE ROW LEVEL SECURITY;
ALTER TABLE "DomainClaim" FORCE ROW LEVEL SECURITY;
ALTER TABLE "SignInIdentity" FORCE ROW LEVEL SECURITY;
ALTER TABLE "Membership" FORCE ROW LEVEL SECURITY;

-- "Sign in with your municipality" found from a work e-mail: only a domain the municipality has proven.
CREATE OR REPLACE FUNCTION samspill_oidc_tenants(p_domain text) RETURNS TABLE (slug text, name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT t.slug, t.name FROM "IdentityProvider" p JOIN "Tenant" t ON t.id = p."tenantId"
  WHERE p.enabled AND t.status = 'ACTIVE' AND (p_domain IS NULL OR EXISTS (
    SELECT 1 FROM "DomainClaim" c
    WHERE c."tenantId" = t.id AND c."domain" = lower(p_domain) AND c."verifiedAt" IS NOT NULL))
  ORDER BY t.name
$$;

-- Whether another municipality has proven a domain (a claim's row is under row-level security; this says yes or
-- no, nothing about who).
CREATE FUNCTION samspill_domain_taken(p_domain text, p_tenant text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM "DomainClaim"
                 WHERE "domain" = lower(p_domain) AND "tenantId" <> p_tenant AND "verifiedAt" IS NOT NULL)
$$;
REVOKE ALL ON FUNCTION samspill_domain_taken(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION samspill_domain_taken(text, text) TO samspill_app;

-- A user's memberships in active tenants. It sets the user for row-level security on memberships itself; the
-- SET clause restores app.user_id as it found it when the function returns (a set_config(…, true) alone would
-- last until the end of the caller's transaction and change the user for whatever the caller does next).
CREATE FUNCTION samspill_memberships(account_id text) RETURNS json
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public, pg_temp SET app.user_id = '' AS $$
BEGIN
  PERFORM set_config('app.user_id', account_id, true);
  RETURN coalesce((
    SELECT json_agg(json_build_object(
      'tenantId', t.id, 'tenantSlug', t.slug, 'tenantName', t.name, 'defaultLocale', t."defaultLocale",
      'country', t.country, 'role', m.role, 'organisationId', m."organisationId",
      'requireOidc', t."requireOidc", 'requireTotpForAdmins', t."requireTotpForAdmins") ORDER BY t.name, t.id)
    FROM "Membership" m JOIN "Tenant" t ON t.id = m."tenantId"
    WHERE m."userId" = account_id AND t.status = 'ACTIVE'), '[]'::json);
END $$;
REVOKE ALL ON FUNCTION samspill_memberships(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION samspill_memberships(text) TO samspill_app;

-- The one statement every signed-in request makes: the session (not ended, not past its absolute lifetime),
-- its account and the account's memberships, or null.
DROP FUNCTION samspill_account(text);
CREATE FUNCTION samspill_session(account_id text, session_id text) RETURNS json
  LANGUAGE sql VOLATILE SECURITY INVOKER SET search_path = public, pg_temp AS $$
  SELECT json_build_object(
    'id', u.id, 'name', u.name, 'email', u.email,
    'passwordChangedAt', (extract(epoch FROM u."passwordChangedAt") * 1000)::bigint,
    'platformAdmin', u."platformAdmin",
    'hasPassword', u."passwordHash" IS NOT NULL,
    'secondFactor', u."totpEnabledAt" IS NOT NULL,
    'session', json_build_object(
      'id', s.id, 'via', s.via,
      'authAt', (extract(epoch FROM s."authAt") * 1000)::bigint,
      'expiresAt', (extract(epoch FROM s."expiresAt") * 1000)::bigint),
    'memberships', samspill_memberships(u.id))
  FROM "User" u JOIN "Session" s ON s."userId" = u.id
  WHERE u.id = account_id AND s.id = session_id AND s."revokedAt" IS NULL AND s."expiresAt" > now()
$$;
REVOKE ALL ON FUNCTION samspill_session(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION samspill_session(text, text) TO samspill_app;

-- SECURITY DEFINER functions written with `search_path = public` searched pg_temp first, where any role can
-- create a table of the same name: every one now names pg_temp last.
DO $$
DECLARE f record;
BEGIN
  FOR f IN
    SELECT p.oid::regprocedure AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public' AND p.prosecdef
      AND NOT coalesce('search_path=public, pg_temp' = ANY (p.proconfig), false)
  LOOP
    EXECUTE format('ALTER FUNCTION %s SET search_path = public, pg_temp', f.signature);
  END LOOP;
END $$;
