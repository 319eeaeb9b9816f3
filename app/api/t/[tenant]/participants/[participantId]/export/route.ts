import { currentUser } from "@/lib/auth/session";
import { resolveTenantContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { exportParticipant } from "@/lib/participants/gdpr";
import { AppError } from "@/lib/errors";
import { requiredId } from "@/lib/validation";

export const dynamic = "force-dynamic";

/** GDPR access and portability: everything stored about one participant, as JSON. Audited. */
export async function GET(_: Request, { params }: { params: Promise<{ tenant: string; participantId: string }> }) {
  const { tenant, participantId } = await params;
  const user = await currentUser();
  const ctx = user ? await resolveTenantContext(user.id, tenant, user.via) : null;
  if (!ctx || !can(ctx.role, "participant.export") || !requiredId.safeParse(participantId).success) return Response.json({ error: "not found" }, { status: 404 });
  try {
    const data = await exportParticipant(ctx, participantId);
    return new Response(JSON.stringify(data, null, 2), {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="samspill-${data.participant.code}.json"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof AppError) return Response.json({ error: "not found" }, { status: 404 });
    throw error;
  }
}
