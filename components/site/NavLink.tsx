'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

/**
 * A header nav link that knows where the reader is. The root layout is shared
 * across routes and never re-renders on the server, so only the client knows the path.
 */
export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const pathname = usePathname();
  const exact = pathname === href;
  const inSection = !exact && pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      // "page" for the page itself, "true" for a page inside its section.
      aria-current={exact ? 'page' : inSection ? 'true' : undefined}
      className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900 aria-[current]:bg-slate-100 aria-[current]:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white dark:aria-[current]:bg-slate-800 dark:aria-[current]:text-white"
    >
      {children}
    </Link>
  );
}
