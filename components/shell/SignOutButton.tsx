"use client";

import { signOut } from "next-auth/react";
import { useTranslation } from "react-i18next";

export function SignOutButton({ locale }: { locale: string }) {
  const { t } = useTranslation("common");
  return (
    <button
      type="button"
      onClick={() => void signOut({ callbackUrl: `/${locale}` })}
      className="rounded border border-white/40 px-3 py-1 text-sm hover:bg-white/10"
    >
      {t("user.signOut")}
    </button>
  );
}
