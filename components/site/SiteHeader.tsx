import Link from 'next/link';
import { NavLink } from './NavLink';
import { SearchForm } from './SearchForm';
import { UserMenu } from './UserMenu';

export const PRODUCT_NAME = 'Postmortem KB';

export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3 sm:px-6">
        <Link href="/" className="text-lg font-bold tracking-tight text-slate-900 dark:text-white">
          {PRODUCT_NAME}
        </Link>
        <nav aria-label="Main">
          <ul className="flex flex-wrap gap-1">
            <li>
              <NavLink href="/incidents">Incidents</NavLink>
            </li>
            <li>
              <NavLink href="/runbooks">Runbooks</NavLink>
            </li>
            <li>
              <NavLink href="/checks">Checks</NavLink>
            </li>
            <li>
              <NavLink href="/action-items">Action items</NavLink>
            </li>
            <li>
              <NavLink href="/insights">Insights</NavLink>
            </li>
            <li>
              <NavLink href="/alerts">Alerts</NavLink>
            </li>
          </ul>
        </nav>
        {/* Full width on its own row on phones, pushed right on wider screens. */}
        <div className="w-full sm:ml-auto sm:w-72">
          <SearchForm id="header-search" label="Search incidents" landmark="Site search" />
        </div>
        <UserMenu />
      </div>
    </header>
  );
}
