import type { ReactNode } from "react";

const tones = {
  neutral: "bg-slate-100 text-slate-800 ring-slate-300",
  green: "bg-emerald-50 text-emerald-900 ring-emerald-300",
  blue: "bg-sky-50 text-sky-900 ring-sky-300",
  amber: "bg-amber-50 text-amber-900 ring-amber-300",
  red: "bg-red-50 text-red-800 ring-red-300",
} as const;

export type Tone = keyof typeof tones;

export function Badge({ tone = "neutral", children }: { tone?: Tone; children: ReactNode }) {
  return (
    <span
      className={`inline-flex max-w-full items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`}
    >
      {children}
    </span>
  );
}
