import { withTenantRoute } from "@/lib/http/tenant-route";
import { getTenantLogo } from "@/lib/tenants/tenant-settings";

export const dynamic = "force-dynamic";

/** The municipality's logo, for its members (any role). */
export const GET = withTenantRoute(null, async ({ ctx }) => {
  const logo = await getTenantLogo(ctx);
  if (!logo?.logo || !logo.logoMimeType) return new Response(null, { status: 404 });
  return new Response(Buffer.from(logo.logo), {
    headers: {
      "content-type": logo.logoMimeType,
      "cache-control": "private, max-age=300",
      "x-content-type-options": "nosniff",
    },
  });
});
