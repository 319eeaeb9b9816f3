import type { HTMLAttributes, ReactNode } from "react";

const variants = {
  /** The usual "nothing here yet" box under a heading or in place of a list. */
  muted: "rounded-lg border border-slate-200 bg-white p-4 text-slate-700",
  /** The same box in the body's own text colour. */
  plain: "rounded-lg border border-slate-200 bg-white p-4",
  /** A page's main message when there is nothing to show at all (no release, figures withheld). */
  large: "rounded-xl border border-slate-200 bg-white p-5 text-lg",
} as const;

/** A box that says there is nothing to show yet, and usually why. */
export function EmptyState({
  variant = "muted",
  children,
  ...props
}: Omit<HTMLAttributes<HTMLParagraphElement>, "className"> & {
  variant?: keyof typeof variants;
  children: ReactNode;
  "data-testid"?: string;
}) {
  return (
    <p className={variants[variant]} {...props}>
      {children}
    </p>
  );
}
