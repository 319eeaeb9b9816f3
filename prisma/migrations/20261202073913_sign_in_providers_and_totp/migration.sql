-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "requireOidc" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "requireTotpForAdmins" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "totpEnabledAt" TIMESTAMP(3),
ADD COLUMN     "totpLastStep" INTEGER,
ADD COLUMN     "totpRecovery" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "totpSecretEnc" TEXT,
ALTER COLUMN "passwordHash" DROP NOT NULL;

-- CreateTable
CREATE TABLE "IdentityProvider" (
    "tenantId" TEXT NOT NULL,
    "preset" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "clientSecretEnc" TEXT NOT NULL,
    "domains" TEXT[],
    "domainRole" "Role",
    "roleClaim" TEXT,
    "roleMap" JSONB,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "testedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdentityProvider_pkey" PRIMARY KEY ("tenantId")
);

-- AddForeignKey
ALTER TABLE "IdentityProvider" ADD CONSTRAINT "IdentityProvider_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------------
-- Hand-written: row-level security, grants, and what a visitor who is not signed in may learn.
-- ---------------------------------------------------------------------------------------------------------
ALTER TABLE "IdentityProvider" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "IdentityProvider" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "IdentityProvider"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "IdentityProvider" TO samspill_app;

-- The sign-in page offers "sign in with your municipality": which active tenants have a provider turned on,
-- and which of them vouch for an e-mail domain. Slugs and names only: never a client id, secret or setting.
CREATE FUNCTION samspill_oidc_tenants(p_domain text) RETURNS TABLE (slug text, name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT t.slug, t.name FROM "IdentityProvider" p JOIN "Tenant" t ON t.id = p."tenantId"
  WHERE p.enabled AND t.status = 'ACTIVE' AND (p_domain IS NULL OR lower(p_domain) = ANY (p.domains))
  ORDER BY t.name
$$;
REVOKE ALL ON FUNCTION samspill_oidc_tenants(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION samspill_oidc_tenants(text) TO samspill_app;
