import "server-only";
import type { Db } from "../db/client.ts";
import { withPublic } from "../db/tenant.ts";
import type { Prisma } from "../db/generated/client.ts";
import { LIBRARY_PAGE_SIZE, modelContentSchema, type LibrarySearch } from "./schemas.ts";

/*
 * The public model library. Published models are public by design (their row-level security policy lets
 * anyone read status = PUBLISHED); these reads run in withPublic's transaction, which sets no tenant, so a
 * draft can never show here, whoever asks. Only published text, the owner's name and country, and the
 * suppressed results snapshot leave this module.
 */

const listed = {
  id: true,
  slug: true,
  title: true,
  summary: true,
  content: true,
  publishedAt: true,
  tenant: { select: { name: true, country: true } },
} as const;

export type LibraryEntry = {
  slug: string;
  title: string;
  summary: string | null;
  publishedAt: Date | null;
  tenantName: string;
  country: string;
  language: string;
  targetGroups: string[];
  pilotKinds: string[];
  partnerTypes: string[];
};

/** One page of published models of active municipalities, newest first, filtered as the library asks. */
export async function listPublishedModels(search: LibrarySearch, options: { client?: Db; pageSize?: number } = {}) {
  const pageSize = options.pageSize ?? LIBRARY_PAGE_SIZE;
  const q = search.q ? { contains: search.q, mode: "insensitive" as const } : undefined;
  const where: Prisma.CollaborationModelWhereInput = {
    status: "PUBLISHED",
    tenant: { status: "ACTIVE", ...(search.country ? { country: search.country } : {}) },
    AND: [
      ...(search.targetGroup ? [{ content: { path: ["targetGroups"], array_contains: [search.targetGroup] } }] : []),
      ...(search.pilotKind ? [{ content: { path: ["pilots"], array_contains: [{ kind: search.pilotKind }] } }] : []),
      ...(q ? [{ OR: [{ title: q }, { summary: q }, { tenant: { name: q } }] }] : []),
    ],
  };
  return withPublic(
    async (tx) => {
      const total = await tx.collaborationModel.count({ where });
      const pages = Math.max(1, Math.ceil(total / pageSize));
      const page = Math.min(search.page, pages);
      const rows = await tx.collaborationModel.findMany({
        where,
        select: listed,
        orderBy: [{ publishedAt: "desc" }, { slug: "asc" }],
        skip: (page - 1) * pageSize,
        take: pageSize,
      });
      const entries: LibraryEntry[] = rows.map((r) => {
        const content = modelContentSchema.parse(r.content);
        return {
          slug: r.slug,
          title: r.title,
          summary: r.summary,
          publishedAt: r.publishedAt,
          tenantName: r.tenant.name,
          country: r.tenant.country,
          language: content.language,
          targetGroups: content.targetGroups,
          pilotKinds: [...new Set(content.pilots.map((p) => p.kind))],
          partnerTypes: [...new Set(content.partnerRoles.map((p) => p.organisationType))],
        };
      });
      return { total, page, pages, entries };
    },
    { client: options.client },
  );
}

/** A published model by its slug, with its owner's name and the published model it started from; null if none. */
export async function getPublishedModel(slug: string, options: { client?: Db } = {}) {
  if (!/^[a-z0-9-]{1,63}$/.test(slug)) return null;
  return withPublic(
    async (tx) => {
      const row = await tx.collaborationModel.findFirst({
        where: { slug, status: "PUBLISHED", tenant: { status: "ACTIVE" } },
        select: { ...listed, tenantId: true, sourceModelId: true },
      });
      if (!row) return null;
      const source = row.sourceModelId
        ? await tx.collaborationModel.findFirst({
            where: { id: row.sourceModelId, status: "PUBLISHED" },
            select: { slug: true, title: true },
          })
        : null;
      return {
        slug: row.slug,
        title: row.title,
        summary: row.summary,
        publishedAt: row.publishedAt,
        tenantId: row.tenantId,
        tenantName: row.tenant.name,
        country: row.tenant.country,
        content: modelContentSchema.parse(row.content),
        source,
      };
    },
    { client: options.client },
  );
}

/** The published models a tenant could start from (all but its own), for the adoption form. */
export async function listAdoptableModels(tenantId: string, options: { client?: Db } = {}) {
  return withPublic(
    async (tx) => {
      const rows = await tx.collaborationModel.findMany({
        where: { status: "PUBLISHED", tenantId: { not: tenantId }, tenant: { status: "ACTIVE" } },
        select: { slug: true, title: true, tenant: { select: { name: true, country: true } } },
        orderBy: [{ title: "asc" }],
        take: 500,
      });
      return rows.map((r) => ({ slug: r.slug, title: r.title, tenantName: r.tenant.name, country: r.tenant.country }));
    },
    { client: options.client },
  );
}

/** Every published model by title, for the onboarding form's "start from a model" choice. */
export async function listModelChoices(options: { client?: Db } = {}) {
  return withPublic(
    (tx) =>
      tx.collaborationModel.findMany({
        where: { status: "PUBLISHED" },
        select: { slug: true, title: true },
        orderBy: { title: "asc" },
      }),
    { client: options.client },
  );
}
