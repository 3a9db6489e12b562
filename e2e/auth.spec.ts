import type { Page } from '@playwright/test';
import { test as base, expect, type TestUser } from './fixtures';

type ActionName = 'saveIncident' | 'createUser';

/** Where each action's form is, who may use it, and how to send it once. */
const ACTION_FORMS: Record<ActionName, { path: string; role: TestUser['role']; send: (page: Page) => Promise<void> }> = {
  saveIncident: {
    path: '/incidents/new',
    role: 'author',
    send: async (page) => {
      await page.getByLabel('Title', { exact: true }).fill('Never saved: the request is stopped');
      await page.getByLabel('Started', { exact: true }).fill('2024-01-02 03:04');
      await page.getByRole('button', { name: 'Save draft' }).click();
    },
  },
  createUser: {
    path: '/admin/users',
    role: 'admin',
    send: async (page) => {
      const form = page.getByRole('form', { name: 'Create user' });
      await form.getByLabel('Email', { exact: true }).fill('never-created@example.com');
      await form.getByLabel('Name', { exact: true }).fill('Never created');
      await form.getByRole('button', { name: 'Create user' }).click();
    },
  },
};

const test = base.extend<{ actionId: (name: ActionName) => Promise<string> }>({
  /**
   * The id this build gave a server action, as the browser sends it: a user who may use the
   * action's form submits it once in a context of its own, and that request is stopped before
   * it reaches the server, so nothing is written. The build's own files are never read.
   */
  actionId: async ({ browser, baseURL, makeUser, signIn }, provide) => {
    await provide(async (name) => {
      const form = ACTION_FORMS[name];
      const context = await browser.newContext({ baseURL });
      try {
        const page = await context.newPage();
        await signIn(await makeUser(form.role), page);
        const isAction = (method: string, headers: Record<string, string>) => method === 'POST' && !!headers['next-action'];
        await page.route(
          (url) => url.pathname === form.path,
          (route) => (isAction(route.request().method(), route.request().headers()) ? route.abort() : route.fallback()),
        );
        await page.goto(form.path);
        const sent = page.waitForRequest((r) => new URL(r.url()).pathname === form.path && isAction(r.method(), r.headers()));
        await form.send(page);
        return (await sent).headers()['next-action']!;
      } finally {
        await context.close();
      }
    });
  },
});

async function signInWithForm(page: Page, user: TestUser) {
  await page.goto('/');
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('link', { name: new RegExp(`${user.name}`) })).toBeVisible();
}

test('sign in, see your role, sign out', async ({ page, makeUser }) => {
  const author = await makeUser('author');
  await signInWithForm(page, author);
  await expect(page.getByRole('link', { name: `${author.name} (author)` })).toBeVisible();
  await page.getByRole('link', { name: `${author.name} (author)` }).click();
  await expect(page.getByText(/Your role is author/)).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await page.goto('/account');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Faccount/);
});

test('a wrong password is refused and the email stays typed', async ({ page, makeUser }) => {
  const viewer = await makeUser('viewer');
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(viewer.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(/Wrong email or password/)).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveValue(viewer.email);
});

test('a viewer gets no "New postmortem" button and a direct POST is refused', async ({
  page,
  baseURL,
  makeUser,
  db,
  signIn,
  actionId,
}) => {
  const viewer = await makeUser('viewer');
  await signIn(viewer);
  await page.goto('/incidents');
  await expect(page.getByRole('link', { name: `${viewer.name} (viewer)` })).toBeVisible();
  await expect(page.getByRole('link', { name: 'New postmortem' })).toHaveCount(0);

  const res = await page.request.post('/incidents/new', {
    headers: {
      'next-action': await actionId('saveIncident'),
      origin: baseURL!,
      'content-type': 'text/plain;charset=UTF-8',
    },
    data: JSON.stringify([null, null]),
  });
  expect(res.status()).toBeLessThan(500);
  expect(await res.text()).toContain('This needs the author role.');
  const { rows } = await db.query(
    `SELECT count(*)::int AS n FROM audit_events WHERE action = 'incident.save' AND outcome = 'denied'`,
  );
  expect(rows[0].n).toBeGreaterThan(0);
});

test('an author can save a draft postmortem', async ({ page, makeUser }) => {
  const author = await makeUser('author');
  await signInWithForm(page, author);
  await page.goto('/incidents');
  await page.getByRole('link', { name: 'New postmortem' }).click();
  await page.getByLabel('Started', { exact: true }).fill('2024-01-02 03:04');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByLabel('Title', { exact: true })).toHaveAccessibleDescription(/Required/);
  await expect(page.getByLabel('Started', { exact: true })).toHaveValue('2024-01-02 03:04');
  await page.getByLabel('Title', { exact: true }).fill('Disk full on the e2e database');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Disk full on the e2e database' })).toBeVisible();
  await expect(page.getByRole('note').filter({ hasText: 'Draft: only authors and editors can see it.' })).toBeVisible();
});

test.describe('server action requests from elsewhere are refused with 4xx', () => {
  const cases: [string, Record<string, string>, number][] = [
    ['another origin', { origin: 'https://evil.example' }, 403],
    ['a malformed origin', { origin: 'not a url' }, 403],
    ['no origin at all', {}, 403],
    [
      'an x-middleware-subrequest header',
      { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' },
      400,
    ],
  ];
  for (const [name, headers, status] of cases) {
    test(name, async ({ request, baseURL, actionId }) => {
      const res = await request.post('/incidents/new', {
        headers: {
          'next-action': await actionId('saveIncident'),
          'content-type': 'text/plain;charset=UTF-8',
          ...(name === 'an x-middleware-subrequest header' ? { origin: baseURL! } : {}),
          ...headers,
        },
        data: JSON.stringify([null, null]),
      });
      expect(res.status()).toBe(status);
    });
  }

  test('a same-origin call without a session gets 401', async ({ request, baseURL, actionId }) => {
    const res = await request.post('/admin/users', {
      headers: {
        'next-action': await actionId('createUser'),
        origin: baseURL!,
        'content-type': 'text/plain;charset=UTF-8',
      },
      data: JSON.stringify([null, null]),
    });
    expect(res.status()).toBe(401);
    expect(await res.text()).toContain('Sign in to do this.');
  });

  test('a forged session cookie gets past the proxy but not the action', async ({ request, baseURL, actionId }) => {
    const res = await request.post('/admin/users', {
      headers: {
        'next-action': await actionId('createUser'),
        origin: baseURL!,
        'content-type': 'text/plain;charset=UTF-8',
        cookie: 'pmkb.session_token=forged.value',
      },
      data: JSON.stringify([null, null]),
    });
    expect(res.status()).toBeLessThan(500);
    expect(await res.text()).toContain('Sign in to do this.');
  });
});

test('a user changes their password and signs in with the new one', async ({ page, makeUser }) => {
  const user = await makeUser('viewer');
  await signInWithForm(page, user);
  await page.goto('/account');
  const form = page.getByRole('form', { name: 'Change password' });
  await form.getByLabel('Current password').fill('definitely-not-it');
  await form.getByLabel('New password').fill('a-brand-new-password-123');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('The current password is wrong.')).toBeVisible();
  await form.getByLabel('Current password').fill(user.password);
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText(/Password changed/)).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await signInWithForm(page, { ...user, password: 'a-brand-new-password-123' });
});
