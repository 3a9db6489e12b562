import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SearchHotkey } from '@/components/search/SearchHotkey';
import { PRODUCT_NAME, SiteHeader } from '@/components/site/SiteHeader';
import './globals.css';

export const metadata: Metadata = {
  title: { default: PRODUCT_NAME, template: `%s · ${PRODUCT_NAME}` },
  description: 'Past incidents, their fixes and the runbooks that go with them, searchable by symptom.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col font-sans">
        <a
          href="#main"
          className="fixed top-2 left-2 z-50 -translate-y-24 rounded-md bg-blue-700 px-4 py-2 font-medium text-white focus:translate-y-0"
        >
          Skip to content
        </a>
        <SiteHeader />
        <SearchHotkey />
        {/* tabIndex lets the skip link move keyboard focus, not just the scroll position. */}
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 focus:outline-none sm:px-6">
          {children}
        </main>
        <footer className="border-t border-slate-200 py-6 text-center text-sm text-slate-600 dark:border-slate-800 dark:text-slate-400">
          {PRODUCT_NAME}: an open-source knowledge base of incident postmortems and runbooks.
        </footer>
      </body>
    </html>
  );
}
