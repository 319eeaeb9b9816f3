"use client";

import { useEffect } from "react";
import { useUntilNextSubmit } from "@/components/forms/useUntilNextSubmit";

/**
 * The confirmation of a registration, shown once: the `registered` query that asked for it is taken out of the
 * address at once (a reload or a later action does not show it again), and it gives way as soon as any form on
 * the page is submitted — that form confirms itself in its own card.
 */
export function RegisteredBanner({ message }: { message: string }) {
  const [shown] = useUntilNextSubmit(true);
  useEffect(() => {
    const url = new URL(window.location.href);
    if (url.searchParams.has("registered")) {
      url.searchParams.delete("registered");
      window.history.replaceState(window.history.state, "", `${url.pathname}${url.search}${url.hash}`);
    }
  }, []);
  if (!shown) return null;
  return (
    <p
      role="status"
      data-testid="registered-banner"
      className="mb-4 rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
    >
      {message}
    </p>
  );
}
