'use client';

// Replaces the root layout when it fails, so it brings its own document and
// inline styles: globals.css is not loaded here.
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', margin: 0, padding: '4rem 1rem', textAlign: 'center' }}>
        <title>Something went wrong</title>
        <h1>Something went wrong</h1>
        <p>The application could not be loaded. Please try again in a moment.</p>
        <button type="button" onClick={() => retry()} style={{ font: 'inherit', padding: '0.5rem 1rem' }}>
          Try again
        </button>
      </body>
    </html>
  );
}
