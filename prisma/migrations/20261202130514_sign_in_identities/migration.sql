-- CreateTable
CREATE TABLE "SignInIdentity" (
    "tenantId" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignInIdentity_pkey" PRIMARY KEY ("tenantId","issuer","subject")
);

-- CreateIndex
CREATE INDEX "SignInIdentity_tenantId_userId_idx" ON "SignInIdentity"("tenantId", "userId");

-- AddForeignKey
ALTER TABLE "SignInIdentity" ADD CONSTRAINT "SignInIdentity_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SignInIdentity" ADD CONSTRAINT "SignInIdentity_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------------
-- Hand-written: row-level security and grants.
-- ---------------------------------------------------------------------------------------------------------
ALTER TABLE "SignInIdentity" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "SignInIdentity" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "SignInIdentity"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "SignInIdentity" TO samspill_app;
