"use client";

import type { ReactNode } from "react";
import { useFormStatus } from "react-dom";

/**
 * A submit button that, while its form's server action runs, turns into a progress indicator with a message
 * (an import of thousands of rows takes seconds). Without JavaScript it is a plain submit button.
 */
export function PendingButton({
  children,
  pendingText,
  disabled = false,
  variant = "primary",
}: {
  children: ReactNode;
  pendingText: string;
  disabled?: boolean;
  variant?: "primary" | "secondary";
}) {
  const { pending } = useFormStatus();
  const style =
    variant === "primary"
      ? "bg-brand-700 text-white hover:bg-brand-800"
      : "border border-slate-400 bg-white text-slate-800 hover:bg-slate-50";
  return (
    <div className="space-y-2">
      <button
        type="submit"
        disabled={disabled || pending}
        className={`rounded-md px-4 py-2 text-sm font-semibold disabled:opacity-60 ${style}`}
      >
        {children}
      </button>
      <div role="status" aria-live="polite" className="empty:hidden">
        {pending && (
          <div className="space-y-1">
            <p className="text-sm text-slate-800">{pendingText}</p>
            <progress className="h-2 w-full max-w-md" aria-label={pendingText} />
          </div>
        )}
      </div>
    </div>
  );
}
