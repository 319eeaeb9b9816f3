"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export type NavItem = { href: string; label: string };

/**
 * The workspace's main navigation; marks the current area for screen readers too. On a phone it folds into
 * a menu (a <details>, so it opens before and without JavaScript) that names the current area.
 */
export function TenantNav({ items, label, menuLabel }: { items: NavItem[]; label: string; menuLabel: string }) {
  const pathname = usePathname();
  const isCurrent = (item: NavItem, index: number) =>
    index === 0 ? pathname === item.href : (pathname?.startsWith(item.href) ?? false);
  const current = items.find(isCurrent);
  const links = (className: (current: boolean) => string) =>
    items.map((item, index) => {
      const here = isCurrent(item, index);
      return (
        <li key={item.href}>
          <Link href={item.href} aria-current={here ? "page" : undefined} className={className(here)}>
            {item.label}
          </Link>
        </li>
      );
    });
  return (
    <nav aria-label={label} className="border-b border-slate-200 bg-white print:hidden">
      {/* Keyed by the path, so the menu closes when a link in it is followed. */}
      <details key={pathname} className="group mx-auto max-w-6xl px-4 sm:hidden" data-testid="nav-menu">
        <summary className="flex cursor-pointer list-none items-center justify-between gap-2 py-3 text-sm font-medium text-slate-900 [&::-webkit-details-marker]:hidden">
          <span>
            <span className="mr-2 inline-block rounded border border-slate-400 px-2 py-0.5">{menuLabel}</span>
            {current?.label}
          </span>
          <span aria-hidden="true" className="text-slate-600 group-open:rotate-180">
            ▾
          </span>
        </summary>
        <ul className="pb-2">
          {links(
            (here) =>
              `block rounded px-3 py-2 text-sm font-medium ${here ? "bg-brand-50 text-brand-800" : "text-slate-800 hover:bg-slate-50"}`,
          )}
        </ul>
      </details>
      <ul className="mx-auto hidden max-w-6xl flex-wrap gap-1 px-4 sm:flex">
        {links(
          (here) =>
            `inline-block border-b-2 px-3 py-3 text-sm font-medium ${
              here
                ? "border-brand-600 text-brand-800"
                : "border-transparent text-slate-700 hover:border-slate-300 hover:text-slate-900"
            }`,
        )}
      </ul>
    </nav>
  );
}
