import { createInstance, type i18n, type TFunction } from "i18next";
import { resources } from "./resources.ts";
import { namespaces, type Locale } from "./settings.ts";

/** An initialised i18next instance for one locale; synchronous because the resources are bundled. */
export function createI18n(locale: Locale, bundle: (typeof resources)[Locale] = resources[locale]): i18n {
  const instance = createInstance();
  void instance.init({
    lng: locale,
    resources: { [locale]: bundle },
    ns: [...namespaces],
    defaultNS: "common",
    fallbackLng: false,
    initAsync: false,
    returnNull: false,
    interpolation: { escapeValue: false },
  });
  return instance;
}

const cache = new Map<Locale, i18n>();

/** The translation function for server components, route handlers and server actions. */
export function getT(locale: Locale, ns: string | string[] = "common"): TFunction {
  let instance = cache.get(locale);
  if (!instance) {
    instance = createI18n(locale);
    cache.set(locale, instance);
  }
  return instance.getFixedT(locale, ns);
}
