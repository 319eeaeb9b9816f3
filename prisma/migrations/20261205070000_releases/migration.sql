-- CreateEnum
CREATE TYPE "ReleaseSchedule" AS ENUM ('MONTHLY', 'QUARTERLY');

-- CreateEnum
CREATE TYPE "ReleaseKind" AS ENUM ('SCHEDULED', 'MANUAL');

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "releaseSchedule" "ReleaseSchedule" NOT NULL DEFAULT 'QUARTERLY';

-- CreateTable
CREATE TABLE "Release" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "asOf" TIMESTAMP(3) NOT NULL,
    "kind" "ReleaseKind" NOT NULL,
    "figures" JSONB NOT NULL,
    "labels" JSONB NOT NULL,
    "basis" JSONB NOT NULL,
    "publishedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Release_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Release_tenantId_asOf_key" ON "Release"("tenantId", "asOf");

-- AddForeignKey
ALTER TABLE "Release" ADD CONSTRAINT "Release_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------------
-- Hand-written: row-level security and grants. A release is its tenant's; the partnership page reads each
-- member's latest release inside that member's own tenant transaction.
-- ---------------------------------------------------------------------------------------------------------
ALTER TABLE "Release" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Release" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "Release"
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));
-- Releases are frozen: the app may add and read them, not change them (erasing a tenant cascades).
GRANT SELECT, INSERT ON TABLE "Release" TO samspill_app;
REVOKE UPDATE, DELETE ON TABLE "Release" FROM samspill_app;
