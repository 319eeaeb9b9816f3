"use client";

import { useState, type ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { createI18n } from "@/lib/i18n/instance";
import type { resources } from "@/lib/i18n/resources";
import type { Locale } from "@/lib/i18n/settings";

/** Gives client components the strings of the page's locale (passed from the server, not fetched). */
export function I18nProvider({
  locale,
  bundle,
  children,
}: {
  locale: Locale;
  bundle: (typeof resources)[Locale];
  children: ReactNode;
}) {
  const [i18n] = useState(() => createI18n(locale, bundle));
  if (i18n.language !== locale) void i18n.changeLanguage(locale);
  return <I18nextProvider i18n={i18n}>{children}</I18nextProvider>;
}
