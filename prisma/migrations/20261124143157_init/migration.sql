-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Country" AS ENUM ('NO', 'SE');

-- CreateEnum
CREATE TYPE "Locale" AS ENUM ('nb', 'sv', 'en');

-- CreateEnum
CREATE TYPE "TenantStatus" AS ENUM ('ACTIVE', 'PENDING_APPROVAL', 'SUSPENDED');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('TENANT_ADMIN', 'COORDINATOR', 'PARTNER_VIEWER');

-- CreateEnum
CREATE TYPE "OrganisationType" AS ENUM ('MUNICIPALITY', 'PUBLIC_EMPLOYMENT_SERVICE', 'BUSINESS', 'VOLUNTEER_ORG', 'SOCIAL_ENTERPRISE', 'SHELTERED_BUSINESS', 'SCHOOL', 'UNION', 'EMPLOYER_ORG', 'RESEARCH', 'OTHER');

-- CreateEnum
CREATE TYPE "PilotKind" AS ENUM ('WORKLIFE_LANGUAGE', 'PLACEMENT_RECRUITMENT', 'WORKPLACE_INTEGRATION', 'ALTERNATIVE_VOCATIONAL', 'CUSTOM');

-- CreateEnum
CREATE TYPE "PilotStatus" AS ENUM ('DRAFT', 'ACTIVE', 'COMPLETED');

-- CreateEnum
CREATE TYPE "TargetGroup" AS ENUM ('SETTLED_REFUGEE', 'IMMIGRANT', 'YOUNG_ADULT', 'OTHER_FAR_FROM_WORK');

-- CreateEnum
CREATE TYPE "Gender" AS ENUM ('FEMALE', 'MALE', 'OTHER');

-- CreateEnum
CREATE TYPE "ParticipantStatus" AS ENUM ('ACTIVE', 'PAUSED', 'COMPLETED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ConsentPurpose" AS ENUM ('FOLLOW_UP', 'PARTNER_SHARING', 'STATISTICS');

-- CreateEnum
CREATE TYPE "ExitReason" AS ENUM ('COMPLETED', 'GOT_JOB', 'STARTED_EDUCATION', 'MOVED', 'WITHDREW', 'OTHER');

-- CreateEnum
CREATE TYPE "ActivityType" AS ENUM ('INTAKE', 'LANGUAGE_TRAINING', 'WORK_PRACTICE', 'MENTORING', 'VOCATIONAL_TRAINING', 'JOB_SEEKING', 'EMPLOYMENT', 'EDUCATION', 'OTHER');

-- CreateEnum
CREATE TYPE "ActivityStatus" AS ENUM ('PLANNED', 'ONGOING', 'COMPLETED', 'INTERRUPTED');

-- CreateEnum
CREATE TYPE "OutcomePoint" AS ENUM ('AT_EXIT', 'MONTHS_3', 'MONTHS_6', 'MONTHS_12');

-- CreateEnum
CREATE TYPE "OutcomeStatus" AS ENUM ('PERMANENT_JOB', 'TEMPORARY_JOB', 'EDUCATION', 'VOCATIONAL_TRAINING', 'ACTIVE_IN_PROGRAMME', 'NOT_IN_WORK', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "WorkingTime" AS ENUM ('FULL_TIME', 'PART_TIME');

-- CreateEnum
CREATE TYPE "PartnershipMemberStatus" AS ENUM ('INVITED', 'ACTIVE', 'LEFT');

-- CreateEnum
CREATE TYPE "ModelStatus" AS ENUM ('DRAFT', 'PUBLISHED');

-- CreateTable
CREATE TABLE "Tenant" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "country" "Country" NOT NULL,
    "municipalityCode" TEXT,
    "defaultLocale" "Locale" NOT NULL,
    "status" "TenantStatus" NOT NULL DEFAULT 'ACTIVE',
    "codePrefix" TEXT NOT NULL,
    "retentionMonths" INTEGER NOT NULL DEFAULT 60,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Tenant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "passwordChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "platformAdmin" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "organisationId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Organisation" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "OrganisationType" NOT NULL,
    "sector" TEXT,
    "contactName" TEXT,
    "contactEmail" TEXT,
    "contactPhone" TEXT,
    "partnershipRole" TEXT,
    "agreementStart" DATE,
    "agreementEnd" DATE,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Pilot" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "PilotKind" NOT NULL,
    "status" "PilotStatus" NOT NULL DEFAULT 'ACTIVE',
    "description" TEXT,
    "goal" TEXT,
    "targetSharePercent" INTEGER,
    "startDate" DATE NOT NULL,
    "endDate" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Pilot_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "PilotOrganisation" (
    "tenantId" TEXT NOT NULL,
    "pilotId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "role" TEXT,

    CONSTRAINT "PilotOrganisation_pkey" PRIMARY KEY ("tenantId","pilotId","organisationId")
);

-- CreateTable
CREATE TABLE "ParticipantCodeCounter" (
    "tenantId" TEXT NOT NULL,
    "next" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "ParticipantCodeCounter_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "Participant" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT,
    "birthYear" INTEGER,
    "gender" "Gender",
    "targetGroup" "TargetGroup" NOT NULL,
    "arrivalYear" INTEGER,
    "languages" TEXT[],
    "status" "ParticipantStatus" NOT NULL DEFAULT 'ACTIVE',
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "coordinatorId" TEXT,
    "anonymisedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Participant_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Consent" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "purpose" "ConsentPurpose" NOT NULL,
    "partnerOrganisationId" TEXT,
    "givenAt" DATE NOT NULL,
    "recordedById" TEXT,
    "withdrawnAt" DATE,
    "withdrawnById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Consent_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Enrolment" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "pilotId" TEXT NOT NULL,
    "startDate" DATE NOT NULL,
    "exitDate" DATE,
    "exitReason" "ExitReason",
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Enrolment_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Activity" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "enrolmentId" TEXT,
    "type" "ActivityType" NOT NULL,
    "status" "ActivityStatus" NOT NULL DEFAULT 'PLANNED',
    "organisationId" TEXT,
    "startDate" DATE NOT NULL,
    "endDate" DATE,
    "hoursPerWeek" DECIMAL(4,1),
    "note" VARCHAR(1000),
    "createdById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Activity_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Outcome" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "enrolmentId" TEXT NOT NULL,
    "point" "OutcomePoint" NOT NULL,
    "status" "OutcomeStatus" NOT NULL,
    "workingTime" "WorkingTime",
    "organisationId" TEXT,
    "observedAt" DATE NOT NULL,
    "note" VARCHAR(1000),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Outcome_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "participantId" TEXT,
    "details" JSONB,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "Partnership" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Partnership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartnershipMember" (
    "partnershipId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "status" "PartnershipMemberStatus" NOT NULL DEFAULT 'INVITED',
    "sharesIndicators" BOOLEAN NOT NULL DEFAULT false,
    "joinedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PartnershipMember_pkey" PRIMARY KEY ("partnershipId","tenantId")
);

-- CreateTable
CREATE TABLE "CollaborationModel" (
    "tenantId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT,
    "status" "ModelStatus" NOT NULL DEFAULT 'DRAFT',
    "content" JSONB NOT NULL,
    "publishedAt" TIMESTAMP(3),
    "sourceModelId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CollaborationModel_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Tenant_slug_key" ON "Tenant"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Membership_userId_idx" ON "Membership"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_tenantId_userId_key" ON "Membership"("tenantId", "userId");

-- CreateIndex
CREATE INDEX "Organisation_tenantId_type_idx" ON "Organisation"("tenantId", "type");

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_tenantId_name_key" ON "Organisation"("tenantId", "name");

-- CreateIndex
CREATE INDEX "Pilot_tenantId_status_idx" ON "Pilot"("tenantId", "status");

-- CreateIndex
CREATE INDEX "PilotOrganisation_tenantId_organisationId_idx" ON "PilotOrganisation"("tenantId", "organisationId");

-- CreateIndex
CREATE INDEX "Participant_tenantId_status_idx" ON "Participant"("tenantId", "status");

-- CreateIndex
CREATE INDEX "Participant_tenantId_targetGroup_idx" ON "Participant"("tenantId", "targetGroup");

-- CreateIndex
CREATE INDEX "Participant_tenantId_coordinatorId_idx" ON "Participant"("tenantId", "coordinatorId");

-- CreateIndex
CREATE UNIQUE INDEX "Participant_tenantId_code_key" ON "Participant"("tenantId", "code");

-- CreateIndex
CREATE INDEX "Consent_tenantId_participantId_idx" ON "Consent"("tenantId", "participantId");

-- CreateIndex
CREATE INDEX "Enrolment_tenantId_participantId_idx" ON "Enrolment"("tenantId", "participantId");

-- CreateIndex
CREATE INDEX "Enrolment_tenantId_pilotId_startDate_idx" ON "Enrolment"("tenantId", "pilotId", "startDate");

-- CreateIndex
CREATE INDEX "Activity_tenantId_participantId_startDate_idx" ON "Activity"("tenantId", "participantId", "startDate");

-- CreateIndex
CREATE INDEX "Activity_tenantId_organisationId_idx" ON "Activity"("tenantId", "organisationId");

-- CreateIndex
CREATE INDEX "Activity_tenantId_type_status_idx" ON "Activity"("tenantId", "type", "status");

-- CreateIndex
CREATE INDEX "Outcome_tenantId_participantId_idx" ON "Outcome"("tenantId", "participantId");

-- CreateIndex
CREATE INDEX "Outcome_tenantId_point_status_idx" ON "Outcome"("tenantId", "point", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Outcome_tenantId_enrolmentId_point_key" ON "Outcome"("tenantId", "enrolmentId", "point");

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_at_idx" ON "AuditEvent"("tenantId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_participantId_at_idx" ON "AuditEvent"("tenantId", "participantId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_tenantId_actorId_at_idx" ON "AuditEvent"("tenantId", "actorId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Partnership_slug_key" ON "Partnership"("slug");

-- CreateIndex
CREATE INDEX "PartnershipMember_tenantId_idx" ON "PartnershipMember"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "CollaborationModel_slug_key" ON "CollaborationModel"("slug");

-- CreateIndex
CREATE INDEX "CollaborationModel_status_publishedAt_idx" ON "CollaborationModel"("status", "publishedAt");

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_tenantId_organisationId_fkey" FOREIGN KEY ("tenantId", "organisationId") REFERENCES "Organisation"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organisation" ADD CONSTRAINT "Organisation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pilot" ADD CONSTRAINT "Pilot_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PilotOrganisation" ADD CONSTRAINT "PilotOrganisation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PilotOrganisation" ADD CONSTRAINT "PilotOrganisation_tenantId_pilotId_fkey" FOREIGN KEY ("tenantId", "pilotId") REFERENCES "Pilot"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PilotOrganisation" ADD CONSTRAINT "PilotOrganisation_tenantId_organisationId_fkey" FOREIGN KEY ("tenantId", "organisationId") REFERENCES "Organisation"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParticipantCodeCounter" ADD CONSTRAINT "ParticipantCodeCounter_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participant" ADD CONSTRAINT "Participant_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participant" ADD CONSTRAINT "Participant_coordinatorId_fkey" FOREIGN KEY ("coordinatorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_tenantId_participantId_fkey" FOREIGN KEY ("tenantId", "participantId") REFERENCES "Participant"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_tenantId_partnerOrganisationId_fkey" FOREIGN KEY ("tenantId", "partnerOrganisationId") REFERENCES "Organisation"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_tenantId_participantId_fkey" FOREIGN KEY ("tenantId", "participantId") REFERENCES "Participant"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_tenantId_pilotId_fkey" FOREIGN KEY ("tenantId", "pilotId") REFERENCES "Pilot"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_tenantId_participantId_fkey" FOREIGN KEY ("tenantId", "participantId") REFERENCES "Participant"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_tenantId_enrolmentId_fkey" FOREIGN KEY ("tenantId", "enrolmentId") REFERENCES "Enrolment"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_tenantId_organisationId_fkey" FOREIGN KEY ("tenantId", "organisationId") REFERENCES "Organisation"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Outcome" ADD CONSTRAINT "Outcome_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Outcome" ADD CONSTRAINT "Outcome_tenantId_participantId_fkey" FOREIGN KEY ("tenantId", "participantId") REFERENCES "Participant"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Outcome" ADD CONSTRAINT "Outcome_tenantId_enrolmentId_fkey" FOREIGN KEY ("tenantId", "enrolmentId") REFERENCES "Enrolment"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Outcome" ADD CONSTRAINT "Outcome_tenantId_organisationId_fkey" FOREIGN KEY ("tenantId", "organisationId") REFERENCES "Organisation"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartnershipMember" ADD CONSTRAINT "PartnershipMember_partnershipId_fkey" FOREIGN KEY ("partnershipId") REFERENCES "Partnership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartnershipMember" ADD CONSTRAINT "PartnershipMember_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CollaborationModel" ADD CONSTRAINT "CollaborationModel_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------------
-- Hand-written: the app's database role, its grants, row-level security and the append-only audit log.
-- ---------------------------------------------------------------------------------------------------------

-- The running app connects as samspill_app: not a superuser, not the tables' owner, no BYPASSRLS, so every
-- policy below binds it. The bootstrap (lib/db/bootstrap.ts) gives it a login password.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'samspill_app') THEN
    CREATE ROLE samspill_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO samspill_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO samspill_app;
REVOKE ALL ON TABLE "_prisma_migrations" FROM samspill_app;
-- The audit log is append-only for the app: no UPDATE, DELETE or TRUNCATE (and a trigger for everyone else).
REVOKE UPDATE, DELETE, TRUNCATE ON TABLE "AuditEvent" FROM samspill_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO samspill_app;

CREATE FUNCTION samspill_reject_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER "AuditEvent_append_only" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION samspill_reject_audit_change();
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION samspill_reject_audit_change();

-- Row-level security. The tenant of a unit of work is set per transaction by lib/db/tenant.ts:
--   select set_config('app.tenant_id', <tenant id>, true)
-- With no tenant set, current_setting(..., true) is NULL or '' and no tenant row is visible or writable.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['Organisation', 'Pilot', 'PilotOrganisation', 'ParticipantCodeCounter', 'Participant',
                           'Consent', 'Enrolment', 'Activity', 'Outcome', 'AuditEvent']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING ("tenantId" = current_setting(''app.tenant_id'', true)) '
      'WITH CHECK ("tenantId" = current_setting(''app.tenant_id'', true))', t);
  END LOOP;
END
$$;

-- Memberships are read in two ways: by a tenant (its members) and by a user (the tenants they belong to,
-- at sign-in and in the tenant switcher). Writes always belong to the tenant that is set.
ALTER TABLE "Membership" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Membership" FORCE ROW LEVEL SECURITY;
CREATE POLICY membership_read ON "Membership" FOR SELECT
  USING ("tenantId" = current_setting('app.tenant_id', true) OR "userId" = current_setting('app.user_id', true));
CREATE POLICY membership_write ON "Membership" FOR INSERT
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));
CREATE POLICY membership_update ON "Membership" FOR UPDATE
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));
CREATE POLICY membership_delete ON "Membership" FOR DELETE
  USING ("tenantId" = current_setting('app.tenant_id', true));

-- A published collaboration model is public (the model library); drafts belong to their tenant.
ALTER TABLE "CollaborationModel" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CollaborationModel" FORCE ROW LEVEL SECURITY;
CREATE POLICY model_read ON "CollaborationModel" FOR SELECT
  USING ("tenantId" = current_setting('app.tenant_id', true) OR status = 'PUBLISHED');
CREATE POLICY model_insert ON "CollaborationModel" FOR INSERT
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));
CREATE POLICY model_update ON "CollaborationModel" FOR UPDATE
  USING ("tenantId" = current_setting('app.tenant_id', true))
  WITH CHECK ("tenantId" = current_setting('app.tenant_id', true));
CREATE POLICY model_delete ON "CollaborationModel" FOR DELETE
  USING ("tenantId" = current_setting('app.tenant_id', true));
