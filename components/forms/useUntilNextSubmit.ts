"use client";

import { useEffect, useState } from "react";

/**
 * A confirmation's state that belongs to the moment it was saved: any form submitted anywhere on the page
 * afterwards resets it to null — that form confirms itself in its own card.
 */
export function useUntilNextSubmit<T>(initial: T | null = null) {
  const [value, setValue] = useState<T | null>(initial);
  const shown = value !== null;
  useEffect(() => {
    if (!shown) return;
    const clear = () => setValue(null);
    document.addEventListener("submit", clear, true);
    return () => document.removeEventListener("submit", clear, true);
  }, [shown]);
  return [value, setValue] as const;
}
