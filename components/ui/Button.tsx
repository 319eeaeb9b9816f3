import Link from "next/link";
import type { ButtonHTMLAttributes, ComponentProps } from "react";

/** The primary action's look: one place for the classes every page's main button and button-like link share. */
export const primaryButtonClass =
  "rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800";

const withExtra = (extra?: string) => (extra ? `${primaryButtonClass} ${extra}` : primaryButtonClass);

/** A primary button; as a plain <button>, it submits its form unless its type says otherwise. */
export function Button({ className, ...props }: ButtonHTMLAttributes<HTMLButtonElement>) {
  return <button className={withExtra(className)} {...props} />;
}

/** A link that looks like the primary button (next/link). */
export function ButtonLink({ className, ...props }: ComponentProps<typeof Link>) {
  return <Link className={withExtra(className)} {...props} />;
}
