import { notFound } from "next/navigation";

/** Any path under a language that no page matches: the localized not-found page, with the site's header. */
export default function UnknownPath(): never {
  notFound();
}
