-- AlterTable
ALTER TABLE "Participant" ADD COLUMN     "externalRef" TEXT;

-- CreateTable
CREATE TABLE "ImportDraft" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileSize" INTEGER NOT NULL,
    "headers" TEXT[],
    "rows" JSONB NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "mapping" JSONB,
    "result" JSONB,
    "importedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImportDraft_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE INDEX "ImportDraft_tenantId_createdAt_idx" ON "ImportDraft"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Participant_tenantId_externalRef_key" ON "Participant"("tenantId", "externalRef");

-- AddForeignKey
ALTER TABLE "ImportDraft" ADD CONSTRAINT "ImportDraft_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------------
-- Hand-written: row-level security and grants.
-- ---------------------------------------------------------------------------------------------------------
ALTER TABLE "ImportDraft" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ImportDraft" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "ImportDraft"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "ImportDraft" TO samspill_app;
