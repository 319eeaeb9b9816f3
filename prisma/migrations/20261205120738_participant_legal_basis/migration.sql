-- CreateEnum
CREATE TYPE "LegalBasis" AS ENUM ('NO_INTEGRATION_ACT', 'NO_NAV_ACT', 'SE_SOCIAL_SERVICES_ACT', 'SE_ESTABLISHMENT_ACT', 'OTHER');

-- AlterTable
ALTER TABLE "Participant" ADD COLUMN     "legalBasis" "LegalBasis",
ADD COLUMN     "legalBasisNote" TEXT;

