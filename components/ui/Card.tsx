import type { HTMLAttributes } from "react";

const paddings = { 4: "p-4", 5: "p-5", 6: "p-6" } as const;

/**
 * The white panel with a border and a soft shadow that pages and forms group their content in. `as` keeps the
 * element the content needs (a section with its heading, a plain div); extra classes go after the card's own.
 */
export function Card({
  as: Tag = "div",
  padding = 5,
  className,
  ...props
}: HTMLAttributes<HTMLElement> & { as?: "div" | "section" | "article" | "aside" | "li"; padding?: 4 | 5 | 6 }) {
  const classes = `rounded-xl border border-slate-200 bg-white ${paddings[padding]} shadow-sm`;
  return <Tag className={className ? `${classes} ${className}` : classes} {...props} />;
}
