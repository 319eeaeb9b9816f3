import type { Metadata } from "next";
import { orNotFound } from "@/lib/http/page-helpers";
import Link from "next/link";
import { requireTenantPage } from "@/lib/auth/tenant-page";
import { pilotFormOptions } from "@/lib/pilots/form-options";
import { getPilot } from "@/lib/pilots/get-pilot";
import { PilotForm } from "@/components/pilots/PilotForm";
import { PageHeader } from "@/components/ui/PageHeader";
import { getT } from "@/lib/i18n/instance";
import { localeParam } from "@/lib/i18n/params";
import { updatePilotAction } from "../../actions";

type Props = { params: Promise<{ locale: string; tenant: string; pilotId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params), "pilots")("edit") };
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export default async function EditPilotPage({ params }: Props) {
  const { locale, ctx } = await requireTenantPage(params, "pilot.manage");
  const { pilotId } = await params;
  const t = getT(locale, ["pilots", "common", "enums"]);
  const { pilot } = await orNotFound(getPilot(ctx, pilotId));
  return (
    <div className="max-w-3xl">
      <p className="mb-2 text-sm">
        <Link href={`/${locale}/t/${ctx.tenantSlug}/pilots/${pilot.id}`} className="text-brand-700 underline">
          ← {pilot.name}
        </Link>
      </p>
      <PageHeader title={t("edit")} />
      <PilotForm
        action={updatePilotAction.bind(null, locale, ctx.tenantSlug, pilot.id)}
        {...await pilotFormOptions(ctx, t)}
        values={{
          ...pilot,
          startDate: day(pilot.startDate)!,
          endDate: day(pilot.endDate),
          organisationIds: pilot.organisations.map((o) => o.organisationId),
        }}
        submitLabel={t("save")}
      />
    </div>
  );
}
