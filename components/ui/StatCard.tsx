import type { HTMLAttributes, ReactNode } from "react";
import { Card } from "@/components/ui/Card";

const layouts = {
  /** Three figures side by side from the small breakpoint (the tenant home). */
  three: "grid gap-4 sm:grid-cols-3",
  /** One column on phones, two, then four (dashboards, a model's results). */
  four: "grid gap-3 sm:grid-cols-2 lg:grid-cols-4",
  /** Two columns already on phones, four on large screens (a release's figures). */
  pairs: "grid grid-cols-2 gap-3 lg:grid-cols-4",
} as const;

/** The description list that holds a row of stat cards. */
export function StatGrid({ layout = "four", children }: { layout?: keyof typeof layouts; children: ReactNode }) {
  return <dl className={layouts[layout]}>{children}</dl>;
}

/**
 * One headline figure: a label, the value (its own `data-testid="value"`) and an optional line under it. `large`
 * is the tenant home's bigger figure; extra classes (e.g. `print:shadow-none`) and data attributes reach the card.
 */
export function StatCard({
  label,
  value,
  sub,
  large = false,
  subSize = "xs",
  ...props
}: Omit<HTMLAttributes<HTMLElement>, "children"> & {
  label: ReactNode;
  value: ReactNode;
  sub?: ReactNode;
  large?: boolean;
  subSize?: "xs" | "sm";
  "data-testid"?: string;
}) {
  return (
    <Card padding={large ? 5 : 4} {...props}>
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className={`mt-1 ${large ? "text-4xl" : "text-3xl"} font-bold text-brand-800`} data-testid="value">
        {value}
      </dd>
      {sub ? <dd className={`mt-1 ${subSize === "sm" ? "text-sm" : "text-xs"} text-slate-600`}>{sub}</dd> : null}
    </Card>
  );
}
