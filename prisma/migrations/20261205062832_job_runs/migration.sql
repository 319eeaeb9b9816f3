-- CreateTable
CREATE TABLE "JobRun" (
    "id" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "ok" BOOLEAN,
    "durationMs" INTEGER,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "JobRun_job_finishedAt_idx" ON "JobRun"("job", "finishedAt");

-- Hand-written: the app role's grants. JobRun is not tenant-scoped (platform jobs; no tenant or personal
-- data in it), so it has no row-level security, like "RateLimit".
GRANT SELECT, INSERT, UPDATE ON TABLE "JobRun" TO samspill_app;
-- Readiness (/api/health/ready) compares the applied migrations with the ones the build ships: the app reads
-- Prisma's history table (names and times only), never writes it.
GRANT SELECT ON TABLE "_prisma_migrations" TO samspill_app;
