"use client";

import { useActionState, type ReactNode } from "react";
import type { ActionState } from "@/lib/actions/state";

/**
 * A form for one step of the import. The action answers with a redirect to the page that shows the new state,
 * so there is no message to show here; bound through useActionState, the form is a plain POST before the
 * JavaScript has loaded, and its buttons can show that the step is running (useFormStatus).
 */
export function StepForm({
  action,
  children,
  className,
  label,
}: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  children: ReactNode;
  className?: string;
  label?: string;
}) {
  const [, dispatch] = useActionState(action, { status: "idle" });
  return (
    <form action={dispatch} className={className} aria-label={label}>
      {children}
    </form>
  );
}
