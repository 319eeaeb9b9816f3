import Link from "next/link";
import type { TFunction } from "i18next";
import type { Locale } from "@/lib/i18n/settings";

/** The shared views' note on protected figures, with the link to "how figures are protected". */
export function ProtectionNote({
  locale,
  t,
  threshold,
  className = "",
}: {
  locale: Locale;
  t: TFunction;
  threshold: number;
  className?: string;
}) {
  return (
    <p className={`rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ${className}`} data-testid="protection-note">
      {t("dashboard:sharedIntro")}{" "}
      <Link href={`/${locale}/protection?threshold=${threshold}`} className="font-medium underline">
        {t("dashboard:protectionLink")}
      </Link>
    </p>
  );
}
