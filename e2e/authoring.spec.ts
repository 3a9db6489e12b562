// Authoring without friction (issue 17 item 5): a draft keeps the status chosen
// for it and needs only a title, tags and times are checked as they are typed,
// and the history compares two versions field by field.
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, notifyIncidentsChanged, test } from './fixtures';

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

test('a draft saved with status "Mitigated" keeps it, with only a title and no empty sections', async ({
  signIn,
  page,
  makeUser,
  db,
}) => {
  const suffix = randomUUID().slice(0, 8);
  const title = `E2E draft kept mitigated ${suffix}`;
  const slug = `e2e-draft-kept-mitigated-${suffix}`;
  await page.goto('/');
  await signIn(await makeUser('author'));
  try {
    await page.goto('/incidents/new');
    await field(page, 'Title').fill(title);
    await expect(field(page, 'Slug')).toHaveValue(slug);
    await field(page, 'Status').selectOption({ label: 'Mitigated' });

    // A mistyped time is flagged as it is typed, before any submit, and the zone is named beside it.
    await field(page, 'Started').fill('2024-13-01 10:00');
    await expect(field(page, 'Started')).toHaveAttribute('aria-invalid', 'true');
    await expect(field(page, 'Started')).toHaveAccessibleDescription(/Use YYYY-MM-DD HH:MM/);
    await expect(field(page, 'Started')).toHaveAccessibleDescription(/UTC/);
    // ...and a draft does not need it at all.
    await field(page, 'Started').fill('');
    await expect(field(page, 'Started')).not.toHaveAttribute('aria-invalid', 'true');

    // Tags take their stored spelling as they are typed.
    await page.getByRole('button', { name: 'Add tag', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type(`Disk Full ${suffix}`);
    await expect(field(page, 'Tag 1')).toHaveValue(`disk-full-${suffix}`);

    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page).toHaveURL(new RegExp(`/incidents/${slug}$`));
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole('note').filter({ hasText: 'Draft: only authors and editors can see it.' })).toBeVisible();
    // The status badge beside the draft badge (no "Mitigated" time was entered, so no other text says it).
    const main = page.getByRole('main');
    await expect(main.getByText('Mitigated', { exact: true }).first()).toBeVisible();
    await expect(main.getByText('Draft', { exact: true }).first()).toBeVisible();
    // Sections with nothing in them yet are left out of a draft's page.
    for (const name of ['Symptoms', 'Timeline', 'Contributing factors']) {
      await expect(page.getByRole('heading', { name, exact: true })).toHaveCount(0);
    }

    // Back in the form, the status is the one chosen, not one guessed from the times.
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await expect(field(page, 'Status')).toHaveValue('mitigated');
    const row = await db.query('SELECT draft, status::text AS status, started_at FROM incidents WHERE slug = $1', [slug]);
    expect(row.rows[0]).toEqual({ draft: true, status: 'mitigated', started_at: null });
  } finally {
    await db.query('DELETE FROM incidents WHERE slug = $1', [slug]);
    await db.query('DELETE FROM tags WHERE name = $1', [`disk-full-${suffix}`]);
    await notifyIncidentsChanged(db);
  }
});

test('the history compares field by field, marks the changed words and ignores re-sorted services', async ({
  signIn,
  page,
  makeUser,
  db,
  testIncident,
}) => {
  // Sorted after the fixture's service, so moving it up really re-sorts the list.
  const extra = `zzz-e2e-extra-${randomUUID().slice(0, 8)}`;
  await page.goto('/');
  await signIn(await makeUser('author'));
  try {
    // Version 2: a second service.
    await page.goto(`/incidents/${testIncident.slug}/edit`);
    await page.getByRole('button', { name: 'Add service', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type(extra);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('heading', { level: 1, name: testIncident.title })).toBeVisible();

    // Version 3: a word of the title and of the timeline entry changed, the services re-sorted.
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await field(page, 'Title').fill(`${testIncident.title} (revised)`);
    await field(page, 'Timeline entry 1 text').fill('Canary spotted.');
    await page.getByRole('button', { name: 'Move service 2 up' }).click();
    await expect(field(page, 'Service 1')).toHaveValue(extra);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `${testIncident.title} (revised)` })).toBeVisible();

    await page.getByRole('link', { name: 'History' }).click();
    const diff = page.getByRole('region', { name: 'Differences between version 2 and version 3' });
    const titleRow = diff.getByRole('listitem').filter({ hasText: 'Title (changed)' });
    await expect(titleRow.getByRole('insertion')).toHaveText(/\(revised\)/);
    await expect(titleRow.getByRole('deletion')).toHaveCount(0);
    // The unchanged words are shown as they were, not as removed and added again.
    await expect(titleRow).toContainText(testIncident.title);
    const entryRow = diff.getByRole('listitem').filter({ hasText: 'Timeline entry 1 (changed)' });
    await expect(entryRow.getByRole('deletion')).toHaveText('noticed');
    await expect(entryRow.getByRole('insertion')).toHaveText('spotted');
    // Only those two: re-sorting the services is no change.
    await expect(diff.getByRole('listitem')).toHaveCount(2);
    await expect(diff.getByText('Affected services')).toHaveCount(0);
  } finally {
    await db.query('DELETE FROM services WHERE name = $1', [extra]);
    await notifyIncidentsChanged(db);
  }
});
