import { expect, test } from './fixtures';

test('"/" focuses the search box, and a symptom finds the incident that matched it', async ({ page }) => {
  await page.goto('/runbooks');
  await page.locator('body').press('/');
  const box = page.getByRole('searchbox', { name: 'Search incidents' });
  await expect(box).toBeFocused();
  await box.fill('gateway FAILED in ip neigh');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=gateway/);
  const first = page
    .getByRole('link', { name: 'OVH reverse proxy lost its gateway, making every OVH service unreachable' })
    .first();
  await expect(first).toBeVisible();
  await first.click();
  await expect(page.getByRole('heading', { level: 1, name: /OVH reverse proxy lost its gateway/ })).toBeVisible();
});

test('a misspelled command still finds the runbook', async ({ page }) => {
  await page.goto('/search?q=ipvsadm+conections+FIN_WAIT');
  await expect(page.getByRole('link', { name: 'Troubleshooting kube2ipvs load balancer directors' }).first()).toBeVisible();
});

test('the JSON API answers bad input with 400, not 500', async ({ request }) => {
  const ok = await request.get('/api/search?q=arp_ignore&limit=5');
  expect(ok.status()).toBe(200);
  const body = await ok.json();
  expect(body.results.length).toBeGreaterThan(0);
  for (const bad of [
    '/api/search?q=',
    `/api/search?q=${'x'.repeat(10_000)}`,
    '/api/search?q=ip&limit=-1',
    '/api/search?q=ip&limit=100000',
  ]) {
    expect((await request.get(bad)).status()).toBe(400);
  }
  expect((await request.get('/api/search?q=%22unbalanced%20%27%3B%20DROP%20TABLE%20incidents%3B--')).status()).toBe(200);
});

test('a typo is corrected in the open, and words nothing mentions lead to an honest empty page', async ({ page, request }) => {
  await page.goto('/search?q=ipvsdam');
  const results = page.getByRole('region', { name: 'Results' });
  await expect(results.getByText(/^Showing results for/)).toContainText('Showing results for ipvsadm');
  await expect(results.getByRole('link', { name: 'Troubleshooting kube2ipvs load balancer directors' }).first()).toBeVisible();
  const instead = results.getByRole('link', { name: 'ipvsdam', exact: true });
  await expect(results.getByText(/Search instead for/)).toBeVisible();
  await expect(instead).toHaveAttribute('href', /exact=1/);
  await instead.click();
  await expect(page).toHaveURL(/[?&]exact=1/);
  await expect(page.getByRole('region', { name: 'Results' }).getByText(/^Showing results for/)).toHaveCount(0);
  await expect(page.getByText('No document mentions ipvsdam.')).toBeVisible();

  await page.goto('/search?q=xyzzy+plugh');
  await expect(page.getByText('No document mentions xyzzy or plugh.')).toBeVisible();
  await expect(page.getByText('Nothing matches “xyzzy plugh”.')).toBeVisible();
  await expect(page.getByText(/^Showing results for/)).toHaveCount(0);
  await expect(page.getByText(/\d+ results?, [\d.]+ ms/)).toHaveCount(0);

  // The JSON API reports the same.
  const corrected = await (await request.get('/api/search?q=ipvsdam')).json();
  expect(corrected.corrections).toEqual([{ from: 'ipvsdam', to: 'ipvsadm' }]);
  const nothing = await (await request.get('/api/search?q=xyzzy+plugh')).json();
  expect(nothing).toMatchObject({ total: 0, results: [], corrections: [], unmatched: ['xyzzy', 'plugh'] });
});
