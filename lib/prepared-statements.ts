// Named (prepared) statements for the hot read path (GET /api/search, decision
// 040). PostgreSQL keeps a named statement's parse tree on the connection and,
// after a few executions, one generic plan for it, so a repeat skips parsing and
// planning: 1.5 to 2 ms of a 10 ms search, whose statement is large (a dozen
// CTEs) but whose shape repeats, every value being a bind parameter.
//
// Each kept statement costs about 1 MB of the server's memory per connection
// that ran it (measured with pg_backend_memory_contexts), so only the first
// PREPARED_SHAPES_MAX distinct texts this process sends are named; later ones
// go unnamed, planned each time as before. Idle pool connections close after
// 30 s (lib/db-pool.ts), and their statements with them.
import { createHash } from 'node:crypto';

/** Distinct statement texts named per process: the common search shapes (with or without filters, synonyms, corrections). */
export const PREPARED_SHAPES_MAX = 12;

export interface StatementConfig {
  name?: string;
  text: string;
  values: unknown[];
}

const names = new Map<string, string>();

/** `pg` query config for a statement: named when its text is one of the first PREPARED_SHAPES_MAX seen. */
export function preparedStatement(statement: { text: string; values: unknown[] }): StatementConfig {
  let name = names.get(statement.text);
  if (!name && names.size < PREPARED_SHAPES_MAX) {
    // The text decides the name: one name can never stand for two texts on a connection.
    name = `pmkb_${createHash('sha256').update(statement.text).digest('hex').slice(0, 32)}`;
    names.set(statement.text, name);
  }
  return name ? { name, text: statement.text, values: statement.values } : { text: statement.text, values: statement.values };
}
