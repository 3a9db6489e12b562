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
});
