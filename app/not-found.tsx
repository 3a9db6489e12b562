import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-semibold text-blue-700 dark:text-sky-400">404</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">Page not found</h1>
      <p className="mt-4 text-slate-700 dark:text-slate-300">
        There is no page at this address. The incident or runbook may have been renamed, or the link may be mistyped.
      </p>
      <div className="mt-8 flex flex-wrap justify-center gap-4">
        <Link
          href="/"
          className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 dark:bg-sky-700 dark:hover:bg-sky-600"
        >
          Go to the home page
        </Link>
        <Link
          href="/incidents"
          className="rounded-md px-4 py-2 font-medium text-blue-800 underline hover:no-underline dark:text-sky-300"
        >
          Browse incidents
        </Link>
      </div>
    </div>
  );
}
