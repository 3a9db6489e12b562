// Every response carries the security headers, and the app still hydrates
// under the nonce-based CSP (a client-side hotkey works, no CSP violation),
// and refuses to be framed. See lib/http/security-headers.ts.
import { expect, test } from './fixtures';

function expectSecurityHeaders(headers: Record<string, string>) {
  const csp = headers['content-security-policy'] ?? '';
  for (const directive of [
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "'strict-dynamic'",
  ]) {
    expect(csp).toContain(directive);
  }
  expect(csp).toMatch(/script-src [^;]*'nonce-[A-Za-z0-9+/=]+'/);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy']).toContain('camera=()');
  // The test server's public URL is http: no HSTS.
  expect(headers['strict-transport-security']).toBeUndefined();
}

test('the home page and an incident page carry the security headers, each with its own nonce', async ({
  request,
  testIncident,
}) => {
  const home = await request.get('/');
  expect(home.status()).toBe(200);
  expectSecurityHeaders(home.headers());
  const incident = await request.get(`/incidents/${testIncident.slug}`);
  expect(incident.status()).toBe(200);
  expectSecurityHeaders(incident.headers());
  expect(incident.headers()['content-security-policy']).not.toBe(home.headers()['content-security-policy']);
});

test('static files the proxy skips get the fixed headers', async ({ request }) => {
  const icon = await request.get('/icon.svg');
  expect(icon.headers()['x-content-type-options']).toBe('nosniff');
  expect(icon.headers()['x-frame-options']).toBe('DENY');
});

test('the app hydrates under the CSP: the "/" hotkey focuses search, nothing is blocked', async ({ page, testIncident }) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`/incidents/${testIncident.slug}`);
  await expect(page.getByRole('heading', { level: 1, name: testIncident.title })).toBeVisible();
  // The hotkey listener exists only once React has hydrated the page.
  await expect(async () => {
    await page.locator('body').press('/');
    await expect(page.getByRole('searchbox').first()).toBeFocused({ timeout: 500 });
  }).toPass({ timeout: 10_000 });
  // A client-side navigation loads more chunks, allowed by 'strict-dynamic'.
  await page.getByRole('link', { name: 'Runbooks' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Runbooks' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
});

test('another site cannot frame a page', async ({ page, baseURL }) => {
  await page.setContent(`<iframe src="${baseURL}/" width="800" height="600"></iframe>`);
  await page.waitForTimeout(1_000);
  await expect(page.frameLocator('iframe').getByText('Skip to content')).toHaveCount(0);
});
