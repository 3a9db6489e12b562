// The public corpora in ../shared/corpora exist only beside our CI checkout; a
// bare clone has none. Tests run on the project's own fixtures (tests/fixtures/)
// always, and on the corpora as well when they are there.
import { existsSync } from 'node:fs';
import path from 'node:path';

export const FIXTURES = path.resolve(import.meta.dirname, 'fixtures');
export const CORPORA = path.resolve(import.meta.dirname, '../../shared/corpora');

/** A project fixture's path (always present: it is in the repo). */
export const fixture = (name: string) => path.join(FIXTURES, name);

/** The path of a public corpus file, or undefined when ../shared/corpora is absent. */
export function optionalCorpus(name: string): string | undefined {
  const file = path.join(CORPORA, name);
  return existsSync(file) ? file : undefined;
}

/**
 * Vitest global setup (both projects): says once per run when the corpora are
 * missing, so the skipped tests are explained without a line per file.
 */
export default function announceCorpora() {
  if (!existsSync(CORPORA)) {
    console.log(`corpora: ${CORPORA} not found; the tests that also use the public corpora are skipped (own fixtures still run)`);
  }
}
