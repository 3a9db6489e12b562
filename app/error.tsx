'use client';

import Link from 'next/link';
import { useEffect } from 'react';

function digestOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'digest' in error && typeof error.digest === 'string') {
    return error.digest;
  }
  return undefined;
}

// Shows no error message or stack: in production Next replaces server error
// messages anyway, and the digest is enough to find the full error in the server log.
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  const digest = digestOf(error);
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <h1 className="text-3xl font-bold tracking-tight">Something went wrong</h1>
      <p className="mt-4 text-slate-700 dark:text-slate-300">
        This page could not be loaded. It may be a temporary problem, for example with the database connection.
      </p>
      {digest && (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
          Reference: <code className="font-mono">{digest}</code>
        </p>
      )}
      <div className="mt-8 flex flex-wrap justify-center gap-4">
        <button
          type="button"
          onClick={() => retry()}
          className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 dark:bg-sky-700 dark:hover:bg-sky-600"
        >
          Try again
        </button>
        <Link href="/" className="rounded-md px-4 py-2 font-medium text-blue-800 underline hover:no-underline dark:text-sky-300">
          Go to the home page
        </Link>
      </div>
    </div>
  );
}
