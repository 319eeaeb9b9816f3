// Shared with client components, so not "server-only".
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
const fixed = new Map<string, TFunction>();

/**
 * The translation function for server components, route handlers and server actions. The strings are bundled
 * and never change while the process runs, so a key asked for without options (most of a page's labels, some
 * hundred on a dashboard) is looked up by i18next once per process and kept; calls with options (interpolation,
 * plurals) go to i18next each time.
 */
export function getT(locale: Locale, ns: string | string[] = "common"): TFunction {
  const id = `${locale}|${Array.isArray(ns) ? ns.join(",") : ns}`;
  const known = fixed.get(id);
  if (known) return known;
  let instance = cache.get(locale);
  if (!instance) {
    instance = createI18n(locale);
    cache.set(locale, instance);
  }
  const t = instance.getFixedT(locale, ns);
  const plain = new Map<string, string>();
  const memoised = ((key: unknown, ...rest: unknown[]) => {
    if (rest.length > 0 || typeof key !== "string")
      return (t as unknown as (...args: unknown[]) => string)(key, ...rest);
    let text = plain.get(key);
    if (text === undefined) {
      text = t(key);
      plain.set(key, text);
    }
    return text;
  }) as unknown as TFunction;
  fixed.set(id, memoised);
  return memoised;
}
