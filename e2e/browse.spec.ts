import { expect, test } from './fixtures';

const GS14 = 'GS14 game server host lost its network after a panel daemon update';

test('the incident list shows the seed incidents and filters by service', async ({ page, testIncident }) => {
  await page.goto('/incidents');
  await expect(page.getByRole('heading', { level: 1, name: 'Incidents' })).toBeVisible();
  await expect(page.getByRole('link', { name: GS14 })).toBeVisible();
  await expect(page.getByRole('link', { name: testIncident.title })).toBeVisible();

  await page.getByLabel('Service').selectOption(testIncident.service);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(new RegExp(`service=${testIncident.service}`));
  await expect(page.getByRole('link', { name: testIncident.title })).toBeVisible();
  await expect(page.getByRole('link', { name: GS14 })).toHaveCount(0);

  await page.getByRole('link', { name: testIncident.title }).click();
  await expect(page.getByRole('heading', { level: 1, name: testIncident.title })).toBeVisible();
  await expect(page.getByText(testIncident.command)).toBeVisible();
});

test('the GS14 incident shows its timeline and the commands that fixed it', async ({ page }) => {
  await page.goto('/incidents');
  await page.getByRole('link', { name: GS14 }).click();
  await expect(page.getByRole('heading', { level: 1, name: GS14 })).toBeVisible();

  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline.getByRole('listitem').first()).toBeVisible();
  expect(await timeline.getByRole('listitem').count()).toBeGreaterThanOrEqual(5);
  await expect(timeline.getByText(/KVM/).first()).toBeVisible();
  // Times are shown in the incident's zone with its abbreviation.
  await expect(page.getByText(/CDT/).first()).toBeVisible();

  const resolution = page.getByRole('region', { name: 'Resolution' });
  await expect(resolution.getByText('ip route delete default', { exact: true })).toBeVisible();
  await expect(resolution.getByRole('button', { name: 'Copy command' }).first()).toBeVisible();
});

test('a runbook renders its markdown and its table of contents links to headings', async ({ page }) => {
  await page.goto('/runbooks');
  await page.getByRole('link', { name: 'Troubleshooting kube2ipvs load balancer directors' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Troubleshooting kube2ipvs load balancer directors' })).toBeVisible();

  const toc = page.getByRole('navigation', { name: 'Table of contents' });
  const entry = toc.getByRole('link', { name: /ARP configuration/ }).first();
  const href = await entry.getAttribute('href');
  expect(href).toMatch(/^#/);
  await entry.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  const heading = page.locator(`[id="${href!.slice(1)}"]`);
  await expect(heading).toBeInViewport();
  // GFM table and shell highlighting made it through sanitization.
  await expect(page.getByRole('table').first()).toBeVisible();
  await expect(page.locator('code.hljs, pre code span[class^="hljs-"]').first()).toBeAttached();
});

test('unknown pages get a readable not-found page', async ({ page }) => {
  const response = await page.goto('/incidents/no-such-incident');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: /home|incidents/i }).first()).toBeVisible();
});

test('the incident page fits a phone screen @phone', async ({ page }) => {
  await page.goto('/incidents/gs14-host-network-loss-2020-10');
  await expect(page.getByRole('heading', { level: 1, name: GS14 })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
});
