// The batch page of a launch across a director fleet: grouped by output, a diff
// against the baseline, a host filter that works as a plain form, the export,
// and a page that fits a phone. The launch is written straight into the
// database (30 hosts, no agents), so the page is tested on its own.
import { randomUUID } from 'node:crypto';
import { test as base, expect } from './fixtures';

const CURRENT = 'Linux director 6.1.0-27-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.115-1 (2024-11-01) x86_64 GNU/Linux\n';
const OLDER = 'Linux director 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) x86_64 GNU/Linux\n';

type Launch = { batchId: string; title: string; prefix: string };

// 30 hosts: 26 agree, 3 run the older kernel (hosts 11-13), 1 refuses the connection (the last).
const test = base.extend<{ launch: Launch }>({
  launch: async ({ db }, provide) => {
    const prefix = `e2e-dir-${randomUUID().slice(0, 6)}`;
    const batchId = randomUUID();
    const checkId = randomUUID().replace(/-/g, '');
    const title = `E2E kernel ${prefix}`;
    await db.query('BEGIN');
    await db.query(`INSERT INTO checks (id, slug, title, argv, updated_at) VALUES ($1, $2, $3, '["uname","-a"]', now())`, [
      checkId,
      prefix,
      title,
    ]);
    for (let i = 0; i < 30; i++) {
      const hostId = `${checkId}h${i}`;
      const name = `${prefix}-${String(i + 1).padStart(2, '0')}`;
      await db.query(
        `INSERT INTO hosts (id, name, role, agent_url, secret_sealed, updated_at) VALUES ($1, $2, $3, $4, 'unused', now())`,
        [hostId, name, prefix, `http://10.20.0.${i + 1}:8722`],
      );
      const error = i === 29;
      const older = i >= 10 && i < 13;
      await db.query(
        `INSERT INTO check_runs (id, check_id, host_id, batch_id, argv, status, exit_code, stdout, message, duration_ms, created_at, started_at, finished_at)
         VALUES ($1, $2, $3, $4, '["uname","-a"]', $5, $6, $7, $8, 20, now() + $9 * interval '1 millisecond', now(), now())`,
        [
          `${checkId}r${i}`,
          checkId,
          hostId,
          batchId,
          error ? 'error' : 'passed',
          error ? null : 0,
          error ? '' : older ? OLDER : CURRENT,
          error ? `The agent at host ${name} refused the connection: it is probably not running` : null,
          i,
        ],
      );
    }
    await db.query('COMMIT');
    await provide({ batchId, title, prefix });
    await db.query('DELETE FROM check_runs WHERE batch_id = $1', [batchId]);
    await db.query('DELETE FROM hosts WHERE role = $1', [prefix]);
    await db.query('DELETE FROM checks WHERE id = $1', [checkId]);
  },
});

const noPageOverflow = (page: import('@playwright/test').Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('a launch reads as groups: same output, a diff for the others, errors apart', async ({ page, launch }) => {
  await page.goto(`/checks/batches/${launch.batchId}`);
  await expect(page.getByRole('heading', { level: 1, name: `${launch.title} on 30 hosts` })).toBeVisible();
  await expect(page.getByText('30 hosts: 29 passed, 0 failed, 1 error, 0 timed out')).toBeVisible();

  const headings = page.getByRole('main').getByRole('heading', { level: 2 });
  await expect(headings).toHaveText(['26 hosts: same output', '3 hosts: differs', '1 host: agent unreachable']);

  const differs = page.getByRole('region', { name: '3 hosts: differs' });
  const diff = differs.getByLabel(/^stdout of .+ against baseline/);
  await expect(diff.getByRole('deletion')).toContainText('6.1.0-27-amd64');
  await expect(diff.getByRole('insertion')).toContainText('6.1.0-18-amd64');
  await expect(differs.getByRole('link', { name: `${launch.prefix}-12` })).toBeVisible();

  const unreachable = page.getByRole('region', { name: '1 host: agent unreachable' });
  await expect(unreachable.getByText(/refused the connection/)).toBeVisible();
  await expect(unreachable.getByRole('insertion')).toHaveCount(0);

  // Side by side: the same changes, baseline on the left.
  await page.getByRole('navigation', { name: 'Diff layout' }).getByRole('link', { name: 'Side by side' }).click();
  await expect(page).toHaveURL(/view=split/);
  await expect(page.getByRole('region', { name: '3 hosts: differs' }).getByRole('insertion')).toContainText('6.1.0-18-amd64');

  // The filter is a plain GET form: the URL says what was asked, and the view stays split.
  const filter = page.getByRole('search', { name: 'Filter hosts' });
  await filter.getByLabel('Host name contains').fill(`${launch.prefix}-12`);
  await filter.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]host=${launch.prefix}-12(&|$)`));
  await expect(page).toHaveURL(/[?&]view=split(&|$)/);
  await expect(page.getByText(`1 host matches "${launch.prefix}-12".`)).toBeVisible();
  await expect(headings).toHaveText(['26 hosts: same output', '3 hosts: differs']);
  await expect(
    page.getByRole('region', { name: '3 hosts: differs' }).getByRole('link', { name: `${launch.prefix}-11` }),
  ).toHaveCount(0);

  // The export: a CSV attachment with a row per host.
  const csvLink = page.getByRole('link', { name: 'CSV' });
  await expect(csvLink).toHaveAttribute('href', `/checks/batches/${launch.batchId}/export?format=csv`);
  const res = await page.request.get(`/checks/batches/${launch.batchId}/export?format=csv`);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-disposition']).toMatch(/^attachment; filename=/);
  const csv = await res.text();
  expect(csv.split('\r\n')[0]).toBe(
    'host_name,host_id,status,exit_code,verdict,duration_ms,started_at,finished_at,stdout,stderr,message',
  );
  expect(csv.match(new RegExp(`\\r\\n${launch.prefix}-\\d{2},`, 'g'))).toHaveLength(30);
  await expect(page.getByRole('link', { name: 'JSON' })).toHaveAttribute('href', /format=json$/);
});

test('the batch page fits a phone screen, unified and side by side @phone', async ({ page, launch }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const view of ['', '?view=split']) {
    await page.goto(`/checks/batches/${launch.batchId}${view}`);
    await expect(page.getByRole('heading', { level: 2, name: '3 hosts: differs' })).toBeVisible();
    await expect(page.getByRole('region', { name: '3 hosts: differs' }).getByRole('insertion')).toContainText('6.1.0-18-amd64');
    expect(await noPageOverflow(page)).toBeLessThanOrEqual(1);
  }
});

test('a run of the launch links to its batch page', async ({ page, launch }) => {
  await page.goto(`/checks/batches/${launch.batchId}?host=${launch.prefix}-30`);
  await page
    .getByRole('region', { name: '1 host: agent unreachable' })
    .getByRole('link', { name: `${launch.prefix}-30` })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: `${launch.title} on ${launch.prefix}-30` })).toBeVisible();
  await page.getByRole('link', { name: 'Every host of this launch, grouped by output' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${launch.title} on 30 hosts` })).toBeVisible();
});
