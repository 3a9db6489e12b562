// `tsx scripts/search-corpus.ts <database url> [incidents]`: builds the
// bench:search corpus (scripts/lib/search-corpus.ts) in an existing, empty or
// partly built database and leaves it there, for profiling search statements
// with EXPLAIN without reloading 100k incidents each time. Growing is resumable.
import { growTo, loadBaseCorpus } from './lib/search-corpus';

const [url, scale = '100000'] = process.argv.slice(2);
if (!url) {
  console.error('usage: tsx scripts/search-corpus.ts <database url> [incidents, default 100000]');
  process.exit(2);
}
await loadBaseCorpus(url);
await growTo(url, Number(scale));
