import { describe, expect, it } from 'vitest';
import { ListenTracker, StatementNamespace } from './client-session';
import { cstring, message1, readCString } from './wire-protocol';

const parse = (name: string, sql: string) => message1('P', Buffer.concat([cstring(name), cstring(sql), Buffer.alloc(2)]));
const bind = (portal: string, stmt: string) =>
  message1('B', Buffer.concat([cstring(portal), cstring(stmt), Buffer.from([0, 0, 0, 0, 0, 0])]));
const execute = (portal: string) => message1('E', Buffer.concat([cstring(portal), Buffer.alloc(4)]));
const sync = () => message1('S');
const query = (sql: string) => message1('Q', cstring(sql));
const ready = (status: string) => message1('Z', Buffer.from(status));
const complete = (tag: string) => message1('C', cstring(tag));
const error = () => message1('E', Buffer.from('SERROR\0\0'));

describe('StatementNamespace: named statements renamed per client', () => {
  const ns = new StatementNamespace('c7:');

  it('renames Parse, Bind, Describe and Close of a statement, and leaves the unnamed statement and portals alone', () => {
    expect(readCString(ns.rewrite(parse('get_job', 'SELECT 1')), 5).value).toBe('c7:get_job');
    const b = ns.rewrite(bind('portal1', 'get_job'));
    const portal = readCString(b, 5);
    expect(portal.value).toBe('portal1');
    expect(readCString(b, portal.next).value).toBe('c7:get_job');
    expect(b.subarray(-6)).toEqual(Buffer.from([0, 0, 0, 0, 0, 0]));
    const describe = message1('D', Buffer.concat([Buffer.from('S'), cstring('get_job')]));
    expect(readCString(ns.rewrite(describe), 6).value).toBe('c7:get_job');
    const describePortal = message1('D', Buffer.concat([Buffer.from('P'), cstring('get_job')]));
    expect(ns.rewrite(describePortal)).toBe(describePortal);
    const unnamed = parse('', 'SELECT 1');
    expect(ns.rewrite(unnamed)).toBe(unnamed);
    expect([...ns.created]).toEqual(['c7:get_job']);
    ns.rewrite(message1('C', Buffer.concat([Buffer.from('S'), cstring('get_job')])));
    expect(ns.created.size).toBe(0);
  });

  it('keeps a long name within 63 bytes, equal for names PostgreSQL would take as one', () => {
    const long = ns.internal('x'.repeat(63) + 'tail-one');
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(63);
    expect(ns.internal('x'.repeat(63) + 'tail-two')).toBe(long);
    expect(ns.internal('y'.repeat(63))).not.toBe(long);
  });

  it('shows the client its own name in error texts', () => {
    expect(ns.stripPrefix('prepared statement "c7:get_job" already exists')).toBe('prepared statement "get_job" already exists');
  });
});

describe('ListenTracker: a LISTEN counts once its transaction commits', () => {
  const run = (t: ListenTracker, out: Buffer[]) =>
    out.flatMap((m) => t.received(m[0]!, m) ?? []).map((op) => `${op.kind} ${op.channel}`);

  it('an autocommitted simple query takes effect at its ReadyForQuery', () => {
    const t = new ListenTracker();
    t.sent(query('LISTEN a; LISTEN b'));
    expect(run(t, [complete('LISTEN'), complete('LISTEN'), ready('I')])).toEqual(['listen a', 'listen b']);
  });

  it('through the extended protocol, when the prepared LISTEN is executed', () => {
    const t = new ListenTracker();
    [parse('', 'LISTEN a'), bind('', ''), execute(''), sync()].forEach((m) => t.sent(m));
    expect(run(t, [complete('LISTEN'), ready('I')])).toEqual(['listen a']);
  });

  it('in a transaction: at COMMIT, never after ROLLBACK or an error', () => {
    const committed = new ListenTracker();
    ['BEGIN', 'LISTEN a', 'COMMIT'].forEach((q) => committed.sent(query(q)));
    expect(run(committed, [ready('T'), ready('T'), complete('COMMIT'), ready('I')])).toEqual(['listen a']);

    const rolledBack = new ListenTracker();
    ['BEGIN', 'LISTEN a', 'ROLLBACK'].forEach((q) => rolledBack.sent(query(q)));
    expect(run(rolledBack, [ready('T'), ready('T'), complete('ROLLBACK'), ready('I')])).toEqual([]);

    const failed = new ListenTracker();
    failed.sent(query('LISTEN a; SELECT 1/0'));
    expect(run(failed, [complete('LISTEN'), error(), ready('I')])).toEqual([]);
  });

  it('matches each ReadyForQuery to its own exchange when several are pipelined', () => {
    const t = new ListenTracker();
    [query('SELECT 1/0'), query('LISTEN a')].forEach((m) => t.sent(m));
    expect(run(t, [error(), ready('I'), complete('LISTEN'), ready('I')])).toEqual(['listen a']);
  });
});
