import { notFound } from "next/navigation";
import { throwIfErrorProbe } from "@/lib/http/error-probe";

type Props = { params: Promise<{ rest: string[] }> };

/** Any path under a language that no page matches: the localized not-found page, with the site's header. */
export default async function UnknownPath({ params }: Props): Promise<never> {
  throwIfErrorProbe((await params).rest);
  notFound();
}
