"use client";

import { useTranslation } from "react-i18next";
import { ActionForm } from "@/components/forms/ActionForm";
import { publishReleaseAction, setReleaseScheduleAction } from "@/app/[locale]/t/[tenant]/dashboard/actions";

/** An administrator's release controls: publish now, and the schedule. */
export function ReleaseControls({ tenant, schedule }: { tenant: string; schedule: "MONTHLY" | "QUARTERLY" }) {
  const { t } = useTranslation("dashboard");
  return (
    <div className="flex flex-wrap items-end gap-4 print:hidden" data-testid="release-controls">
      <ActionForm action={publishReleaseAction.bind(null, tenant)} label={t("release.publishNow")}>
        <button
          type="submit"
          className="min-h-11 rounded-md bg-brand-700 px-4 py-2 text-base font-semibold text-white hover:bg-brand-800 sm:text-sm"
        >
          {t("release.publishNow")}
        </button>
      </ActionForm>
      <ActionForm action={setReleaseScheduleAction.bind(null, tenant)} label={t("release.scheduleLabel")}>
        <div className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="release-schedule" className="block text-sm font-medium">
              {t("release.scheduleLabel")}
            </label>
            <select
              id="release-schedule"
              name="schedule"
              defaultValue={schedule}
              className="mt-1 block min-h-11 rounded-md border border-slate-400 bg-white px-3 py-2 text-base sm:text-sm"
            >
              <option value="MONTHLY">{t("release.schedule.MONTHLY")}</option>
              <option value="QUARTERLY">{t("release.schedule.QUARTERLY")}</option>
            </select>
          </div>
          <button
            type="submit"
            className="min-h-11 rounded-md border border-slate-400 bg-white px-4 py-2 text-base font-medium hover:bg-slate-50 sm:text-sm"
          >
            {t("release.saveSchedule")}
          </button>
        </div>
      </ActionForm>
    </div>
  );
}
