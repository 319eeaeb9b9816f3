"use client";

import { useActionState } from "react";
import { useTranslation } from "react-i18next";
import { signOutAction } from "@/app/[locale]/account/actions";
import { idle } from "@/lib/actions/state";

/**
 * Signs out: a form POST to a server action that ends the session on the server (a copy of the cookie opens
 * nothing afterwards), so it works before the page's JavaScript has loaded too.
 */
export function SignOutButton({ locale }: { locale: string }) {
  const { t } = useTranslation("common");
  const [, dispatch] = useActionState(signOutAction, idle);
  return (
    <form action={dispatch}>
      <input type="hidden" name="locale" value={locale} />
      <button type="submit" className="rounded border border-white/40 px-3 py-1 text-sm hover:bg-white/10">
        {t("user.signOut")}
      </button>
    </form>
  );
}
