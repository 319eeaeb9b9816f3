import { currentUser } from "@/lib/auth/session";
import { resolveTenantContext } from "@/lib/auth/context";
import { getTenantLogo } from "@/lib/tenants/tenant-settings";

export const dynamic = "force-dynamic";

/** The municipality's logo, for its members. */
export async function GET(_: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const user = await currentUser();
  const ctx = user ? await resolveTenantContext(user.id, tenant, user.via) : null;
  const logo = ctx ? await getTenantLogo(ctx) : null;
  if (!logo?.logo || !logo.logoMimeType) return new Response(null, { status: 404 });
  return new Response(Buffer.from(logo.logo), {
    headers: {
      "content-type": logo.logoMimeType,
      "cache-control": "private, max-age=300",
      "x-content-type-options": "nosniff",
    },
  });
}
