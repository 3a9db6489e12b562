// A heading named like a framework global (`## __next_f`) once replaced
// window.__next_f and the page never hydrated. User-content ids are prefixed
// (decision 013): the page must still hydrate and its anchors still work.
import { expect, notifyIncidentsChanged, test } from './fixtures';

test('a heading named __next_f neither clobbers the global nor stops hydration', async ({ page, db, testIncident }) => {
  const narrative = '## __next_f\n\nA heading named like a framework global.\n\n## location\n\nAnd one like a browser global.\n';
  await db.query('UPDATE incidents SET narrative = $1 WHERE slug = $2', [narrative, testIncident.slug]);
  await notifyIncidentsChanged(db);
  await page.goto(`/incidents/${testIncident.slug}`);
  const heading = page.getByRole('heading', { level: 2, name: '__next_f' });
  await expect(heading).toBeVisible();
  await expect(heading).toHaveAttribute('id', 'user-content-__next_f');
  expect(await page.evaluate(() => typeof (window as unknown as { __next_f: unknown }).__next_f)).toBe('object');
  // The hotkey listener exists only once React has hydrated the page.
  await expect(async () => {
    await page.locator('body').press('/');
    await expect(page.getByRole('searchbox').first()).toBeFocused({ timeout: 500 });
  }).toPass({ timeout: 10_000 });
  // The table of contents points at the prefixed id.
  await expect(page.locator('a[href="#user-content-__next_f"]').first()).toBeAttached();
});
