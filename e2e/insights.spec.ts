// Issue 17: the insights page shows its charts, each with an accessible name and
// a data table; marking an action item done on /action-items updates the counts.
// The data is the testIncident fixture plus one action item and categories added
// here, removed with the incident.
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, notifyIncidentsChanged, test } from './fixtures';

const FIGURES = [
  'Incidents per month, by severity',
  'Incidents by service',
  'Time to detect, by severity',
  'Time to mitigate, by severity',
  'Time to resolve, by severity',
  'Contributing factors by category',
  'Action items: completion and overdue, by incident month',
];

const count = (page: Page, key: string) => page.locator(`[data-count="${key}"] dd`);

test('the insights page shows every chart with an accessible name and a data table', async ({
  page,
  db,
  testIncident,
  makeUser,
  signIn,
}) => {
  await db.query(
    `UPDATE incidents SET detected_at = started_at + interval '10 minutes', mitigated_at = started_at + interval '30 minutes', "trigger" = 'capacity' WHERE slug = $1`,
    [testIncident.slug],
  );
  await db.query(
    `INSERT INTO contributing_factors (id, incident_id, position, title, category) SELECT $1, id, 0, 'Disk full', 'capacity' FROM incidents WHERE slug = $2`,
    [randomUUID(), testIncident.slug],
  );
  await notifyIncidentsChanged(db);
  await signIn(await makeUser('viewer'));

  await page.goto(`/insights?service=${encodeURIComponent(testIncident.service)}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Insights' })).toBeVisible();
  const figures = page.getByRole('figure');
  await expect(figures).toHaveCount(FIGURES.length);
  for (const name of FIGURES) {
    const figure = page.getByRole('figure', { name });
    await expect(figure).toBeVisible();
    // The chart itself is an image named by its title and a summary in words.
    await expect(figure.getByRole('img')).toHaveAccessibleName(new RegExp(`^${name.replace(/[().]/g, '\\$&')}: .+`));
    // And the numbers are in a table behind a disclosure.
    await figure.getByText(`Data table: ${name}`).click();
    await expect(figure.getByRole('table')).toBeVisible();
  }
  const factors = page.getByRole('figure', { name: 'Contributing factors by category' });
  await expect(factors.getByRole('row', { name: /Capacity 1 1/ })).toBeVisible();
  const detect = page.getByRole('figure', { name: 'Time to detect, by severity' });
  await expect(detect.getByRole('row', { name: /SEV4 1 10 min 10 min/ })).toBeVisible();
});

test('marking an action item done updates the counts', async ({ page, db, testIncident, makeUser, signIn }) => {
  const text = `Replace the canary disk ${testIncident.slug}`;
  await db.query(
    `INSERT INTO action_items (id, incident_id, position, text, owner, due, status) SELECT $1, id, 0, $2, 'Infra', '2020-01-01', 'open' FROM incidents WHERE slug = $3`,
    [randomUUID(), text, testIncident.slug],
  );
  await notifyIncidentsChanged(db);
  await signIn(await makeUser('author'));

  await page.goto(`/action-items?service=${encodeURIComponent(testIncident.service)}`);
  await expect(count(page, 'total')).toHaveText('1');
  await expect(count(page, 'open')).toHaveText('1');
  await expect(count(page, 'overdue')).toHaveText('1');
  const item = page.getByTestId('action-item').filter({ hasText: text });
  await expect(item.getByText('Overdue', { exact: true })).toBeVisible();

  await item.getByLabel('Status').selectOption('done');
  await item.getByRole('button', { name: 'Save' }).click();
  await expect(count(page, 'done')).toHaveText('1');
  await expect(count(page, 'open')).toHaveText('0');
  await expect(count(page, 'overdue')).toHaveText('0');
  // The change is a revision of the postmortem.
  const revisions = await db.query(
    `SELECT count(*)::int AS n FROM incident_revisions r JOIN incidents i ON i.id = r.incident_id WHERE i.slug = $1`,
    [testIncident.slug],
  );
  expect(revisions.rows[0].n).toBe(1);
});
