import "server-only";
import { Prisma } from "./generated/client.ts";

/**
 * Belt and braces under row-level security (as cal.com does): a bulk read, update or delete of a tenant
 * table must name the tenant in its `where`. A forgotten filter fails in development instead of relying on
 * the policy alone.
 */
export const tenantModels = new Set([
  "Membership",
  "Organisation",
  "Pilot",
  "PilotOrganisation",
  "ParticipantCodeCounter",
  "Participant",
  "Consent",
  "Enrolment",
  "Activity",
  "Outcome",
  "AuditEvent",
  "CollaborationModel",
  "Invitation",
  "IdentityProvider",
  "SignInIdentity",
  "ImportDraft",
]);

const guarded = new Set([
  "findMany",
  "updateMany",
  "updateManyAndReturn",
  "deleteMany",
  "count",
  "groupBy",
  "aggregate",
]);

export class UnscopedQueryError extends Error {
  constructor(model: string, operation: string) {
    super(`${model}.${operation} without a tenantId in its where clause`);
    this.name = "UnscopedQueryError";
  }
}

export const guardTenantQueries = Prisma.defineExtension({
  name: "guard-tenant-queries",
  query: {
    $allModels: {
      async $allOperations({ model, operation, args, query }) {
        if (tenantModels.has(model) && guarded.has(operation)) {
          const where = (args as { where?: Record<string, unknown> }).where;
          const scoped =
            where &&
            (where.tenantId !== undefined ||
              (model === "Membership" && where.userId !== undefined) ||
              // The public model library reads published models of every tenant (row-level security allows it).
              (model === "CollaborationModel" && where.status === "PUBLISHED"));
          if (!scoped) throw new UnscopedQueryError(model, operation);
        }
        return query(args);
      },
    },
  },
});
