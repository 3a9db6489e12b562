// Requests no page should see get a 4xx with a sentence, never a 500:
// broken percent-encoding, an action body over the limit, and server action
// posts without JavaScript from another site. See lib/http/request-checks.ts.
import { expect, test } from './fixtures';

for (const path of ['/incidents/%FF', '/runbooks/%E0%A4%A']) {
  test(`${path} answers 4xx`, async ({ request }) => {
    const res = await request.get(path);
    expect(res.status()).toBeGreaterThanOrEqual(400);
    expect(res.status()).toBeLessThan(500);
  });
}

test('an action body over 4 MB gets 413 with a sentence', async ({ request, baseURL }) => {
  const res = await request.post('/incidents/new', {
    headers: {
      origin: baseURL!,
      'next-action': '00'.repeat(21),
      'content-type': 'text/plain;charset=UTF-8',
      cookie: 'pmkb.session_token=x',
    },
    data: 'x'.repeat(4 * 1024 * 1024 + 1),
  });
  expect(res.status()).toBe(413);
  expect(await res.text()).toContain('larger than 4 MB');
});

test('a no-JavaScript action post from another site, or with no Origin, gets 403', async ({ request }) => {
  const origins: Record<string, string>[] = [{ origin: 'https://evil.example' }, {}];
  for (const headers of origins) {
    const res = await request.post('/admin/users', {
      headers: { ...headers, cookie: 'pmkb.session_token=x' },
      multipart: {
        $ACTION_ID_0000000000000000000000000000000000000000: '',
        email: 'mallory@example.com',
        name: 'Mallory',
        role: 'admin',
        password: '',
      },
    });
    expect(res.status()).toBe(403);
    expect(await res.text()).toContain('Cross-origin form submissions are not allowed.');
  }
});
