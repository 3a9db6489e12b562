import { describe, expect, it } from 'vitest';
import { listenOps, splitStatements } from './listen-statements';

describe('listenOps: the LISTEN/UNLISTEN statements of a SQL text, as PostgreSQL reads them', () => {
  it('folds unquoted names to lower case and keeps quoted ones as written', () => {
    expect(listenOps('LISTEN "jobs:insert"; LISTEN "worker:migrate";')).toEqual([
      { kind: 'listen', channel: 'jobs:insert' },
      { kind: 'listen', channel: 'worker:migrate' },
    ]);
    expect(listenOps('listen Runs_Changed')).toEqual([{ kind: 'listen', channel: 'runs_changed' }]);
    expect(listenOps('LISTEN "Mixed""Quote"')).toEqual([{ kind: 'listen', channel: 'Mixed"Quote' }]);
  });

  it('reads UNLISTEN name, UNLISTEN * and DISCARD ALL (which unlistens everything)', () => {
    expect(listenOps('UNLISTEN pmkb_cache')).toEqual([{ kind: 'unlisten', channel: 'pmkb_cache' }]);
    expect(listenOps('unlisten *')).toEqual([{ kind: 'unlisten', channel: null }]);
    expect(listenOps('DISCARD ALL')).toEqual([{ kind: 'unlisten', channel: null }]);
    expect(listenOps('UNLISTEN "*"')).toEqual([{ kind: 'unlisten', channel: '*' }]);
  });

  it('skips comments and never takes the word from a string, an identifier or a dollar-quoted body', () => {
    expect(listenOps('/* LISTEN a; /* nested */ still */ LISTEN b -- LISTEN c\n')).toEqual([{ kind: 'listen', channel: 'b' }]);
    expect(listenOps("SELECT 'x; LISTEN a'; SELECT E'\\'; LISTEN b'")).toEqual([]);
    expect(listenOps('SELECT $body$; LISTEN a; $body$; SELECT 1 AS "; LISTEN b"')).toEqual([]);
    expect(listenOps("NOTIFY listen_here, 'x'; SELECT pg_notify('listen', 'y')")).toEqual([]);
  });

  it('truncates a channel name to 63 bytes as PostgreSQL does with identifiers', () => {
    expect(listenOps(`LISTEN ${'a'.repeat(70)}`)).toEqual([{ kind: 'listen', channel: 'a'.repeat(63) }]);
  });

  it('splits on top-level semicolons only', () => {
    expect(splitStatements("select ';'; select 2;;")).toEqual(["select ';'", 'select 2']);
  });

  // Attack (issue 10, embedded database): any local client may send 64 MiB of SQL
  // that mentions "listen". Reading what precedes each quote or `$` by a regex
  // over the statement so far was quadratic: 160,000 characters took seconds,
  // and the server reads messages on the one event loop every client shares.
  it('reads hostile SQL in linear time: many $n, quotes and E strings after a long statement', () => {
    const n = 200_000;
    const shapes = [
      `listen x; select ${'a'.repeat(n)}${' $1'.repeat(n / 10)}`,
      `listen x; select ${'a'.repeat(n)}${" ''".repeat(n / 10)}`,
      `listen x; select ${'a'.repeat(n)}${" E'\\''".repeat(n / 10)}`,
    ];
    const started = performance.now();
    for (const sql of shapes) expect(listenOps(sql)).toEqual([{ kind: 'listen', channel: 'x' }]);
    // Generous for a loaded machine; the quadratic version took 8+ s for these.
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('still tells E strings and dollar quotes apart after the linear rewrite', () => {
    expect(listenOps("SELECT e'\\'; LISTEN a'; LISTEN b")).toEqual([{ kind: 'listen', channel: 'b' }]);
    expect(listenOps("SELECT type'\\'; LISTEN a")).toEqual([{ kind: 'listen', channel: 'a' }]);
    expect(listenOps('SELECT a$1; LISTEN c; SELECT $$; LISTEN d; $$')).toEqual([{ kind: 'listen', channel: 'c' }]);
  });
});
