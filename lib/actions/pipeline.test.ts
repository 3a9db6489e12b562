// The pipeline's steps with the session, audit and Next's request APIs stubbed:
// refusal, validation with values echoed minus secrets, a handler that throws,
// redirects passed through, and revalidation only after a success.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

const revalidatePath = vi.fn();
vi.mock('next/cache', () => ({ revalidatePath: (p: string) => revalidatePath(p) }));
class Redirect extends Error {}
vi.mock('next/navigation', () => ({
  unstable_rethrow: (err: unknown) => {
    if (err instanceof Redirect) throw err;
  },
}));
const viewer = { id: 'u1', email: 'a@example.com', name: 'A', role: 'author' as const, via: 'session' as const };
let allowed = true;
vi.mock('@/lib/audit/guard', () => ({
  authorizeAction: async () => (allowed ? { ok: true, viewer } : { ok: false, error: 'This needs the admin role.', status: 403 }),
}));
vi.mock('@/lib/auth/session', () => ({ requestId: async () => 'req-123' }));

const { action, isPipelineAction } = await import('./pipeline');
const { log: logger } = await import('@/lib/log');

const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
};

const schema = z.object({ name: z.string().min(3, 'Too short.'), password: z.string() });

describe('action()', () => {
  beforeEach(() => {
    allowed = true;
    revalidatePath.mockClear();
  });

  it('refuses before reading the input, and never runs the handler', async () => {
    allowed = false;
    const handler = vi.fn();
    const run = action({ name: 't.refuse', role: 'admin', input: 'form', schema, handler });
    expect(await run(null, form({ name: 'abc', password: 'x' }))).toEqual({
      ok: false,
      error: 'This needs the admin role.',
      status: 403,
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it('returns field errors and echoes the fields, never the password', async () => {
    const run = action({ name: 't.invalid', role: 'viewer', input: 'form', schema, handler: async () => ({ ok: true }) });
    const result = await run(null, form({ name: 'ab', password: 'hunter2hunter2', $ACTION_ID_x: '' }));
    expect(result).toEqual({
      ok: false,
      error: 'Please correct the highlighted fields.',
      fieldErrors: { name: ['Too short.'] },
      values: { name: 'ab' },
    });
  });

  it('uses a whole-input message as the error line', async () => {
    const run = action({
      name: 't.value',
      role: 'viewer',
      input: 'value',
      schema: z.string().max(3, 'At most 3.'),
      handler: async () => ({ ok: true }),
    });
    expect(await run('abcd')).toMatchObject({ ok: false, error: 'At most 3.' });
  });

  it('turns an exception in the handler into a sentence with the request id, and logs it', async () => {
    const log = vi.spyOn(logger, 'error').mockImplementation(() => {});
    const run = action({
      name: 't.throws',
      role: 'viewer',
      input: 'form',
      schema,
      handler: async () => {
        throw new Error('connection reset');
      },
      revalidate: () => ['/never'],
    });
    const result = await run(null, form({ name: 'abc', password: 'p' }));
    expect(result).toEqual({ ok: false, error: 'Something went wrong; nothing was saved. (request id req-123)', status: 500 });
    expect(log).toHaveBeenCalledWith({ err: expect.any(Error), action: 't.throws' }, 'action failed');
    expect(revalidatePath).not.toHaveBeenCalled();
    log.mockRestore();
  });

  it('lets redirect() through to Next', async () => {
    const run = action({
      name: 't.redirect',
      role: 'viewer',
      input: 'submit',
      read: () => ({}),
      schema: z.object({}),
      handler: async () => {
        throw new Redirect('/');
      },
    });
    await expect(run(form({}))).rejects.toBeInstanceOf(Redirect);
  });

  it('revalidates after a success only, and hands the handler the parsed data and the viewer', async () => {
    const run = action({
      name: 't.ok',
      role: 'viewer',
      input: 'form',
      schema,
      handler: async (data, ctx) =>
        data.name === 'fail' ? { ok: false, error: 'No.' } : { ok: true, who: ctx.viewer.id, name: data.name },
      revalidate: (result) => [`/things/${result.name}`],
    });
    expect(await run(null, form({ name: 'abc', password: 'p' }))).toEqual({ ok: true, who: 'u1', name: 'abc' });
    expect(revalidatePath).toHaveBeenCalledWith('/things/abc');
    revalidatePath.mockClear();
    // A handler's own failure keeps what was typed, too.
    expect(await run(null, form({ name: 'fail', password: 'p' }))).toEqual({ ok: false, error: 'No.', values: { name: 'fail' } });
    expect(revalidatePath).not.toHaveBeenCalled();
    expect(isPipelineAction(run)).toBe(true);
    expect(isPipelineAction(async () => ({ ok: true }))).toBe(false);
  });
});
