import type { ReactNode } from "react";

const looks = {
  /** A signed-in page's title and intro. */
  page: { title: "text-3xl font-bold tracking-tight", intro: "mt-2 text-slate-700" },
  /** A public information page (accessibility, data protection): the brand colour and a larger intro. */
  public: { title: "text-3xl font-bold tracking-tight text-brand-800", intro: "mt-3 text-lg text-slate-700" },
  /** A title inside a card (sign-in and its steps). */
  card: { title: "text-2xl font-bold text-slate-900", intro: "mt-2 text-slate-700" },
} as const;

/** A page's h1 and the intro under it; the content after it starts 1.5rem below. */
export function PageHeader({
  title,
  look = "page",
  children,
}: {
  title: ReactNode;
  look?: keyof typeof looks;
  children?: ReactNode;
}) {
  return (
    <div className="mb-6">
      <h1 className={looks[look].title}>{title}</h1>
      {children && <div className={looks[look].intro}>{children}</div>}
    </div>
  );
}
