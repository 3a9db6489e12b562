// Issue 13, "results that explain themselves": the divider between documents
// matching every word and those matching only some, the honest empty page, and
// the phone layout (results first, facets folded into "Filter").
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { expect, notifyIncidentsChanged, test } from './fixtures';

const PHONE = { width: 390, height: 844 };

/** A word of letters only (hex digits mapped to a..p), so no other document holds it. */
const letters = (hex: string) => hex.replace(/[0-9a-f]/g, (c) => String.fromCharCode(97 + parseInt(c, 16)));

interface Canaries {
  query: string;
  all: string;
  some: string;
  ids: string[];
}

/** Two incidents: one holding all three query words, one holding two of them. */
async function createCanaries(db: pg.Client): Promise<Canaries> {
  const [a, b, c] = [1, 2, 3].map(() => `zq${letters(randomUUID().slice(0, 8))}`);
  const rows = [
    { title: `Divider canary ${a} stampede`, symptom: `${a} ${b} stalled the ${c} relay` },
    { title: `Divider canary ${a} warm-up`, symptom: `${a} ${b} warmed up slowly` },
  ];
  const ids: string[] = [];
  for (const [i, row] of rows.entries()) {
    const id = randomUUID();
    ids.push(id);
    await db.query(
      `INSERT INTO incidents (id, slug, title, summary, severity, status, started_at, updated_at)
       VALUES ($1, $2, $3, 'A canary for the search divider.', 'SEV4', 'resolved', '2021-03-04T05:06:00Z', now())`,
      [id, `e2e-divider-${a}-${i}`, row.title],
    );
    await db.query(`INSERT INTO symptoms (id, incident_id, position, text) VALUES ($1, $2, 0, $3)`, [
      randomUUID(),
      id,
      row.symptom,
    ]);
  }
  await notifyIncidentsChanged(db);
  return { query: `${a} ${b} ${c}`, all: rows[0]!.title, some: rows[1]!.title, ids };
}

async function removeCanaries(db: pg.Client, canaries: Canaries) {
  await db.query('DELETE FROM incidents WHERE id = ANY($1)', [canaries.ids]);
  await notifyIncidentsChanged(db);
}

test.describe('on a phone', () => {
  test.use({ viewport: PHONE });

  test('results come first, the facets fold into Filter, and a divider heads the partial matches', async ({ page, db }) => {
    const canaries = await createCanaries(db);
    try {
      await page.goto(`/search?q=${encodeURIComponent(canaries.query)}`);
      const results = page.getByRole('region', { name: 'Results' });
      const all = results.getByRole('link', { name: canaries.all });
      const some = results.getByRole('link', { name: canaries.some });
      const divider = results.getByRole('heading', { name: 'Matching only some of your words' });
      await expect(all).toBeVisible();
      await expect(divider).toBeVisible();
      await expect(some).toBeVisible();
      const y = async (l: typeof all) => (await l.boundingBox())!.y;
      expect(await y(all)).toBeLessThan(await y(divider));
      expect(await y(divider)).toBeLessThan(await y(some));

      // The facets: folded, below the first result, opened by "Filter".
      const filter = page.getByText('Filter', { exact: true });
      const facets = page.getByRole('navigation', { name: 'Refine results' });
      await expect(filter).toBeVisible();
      await expect(facets).toBeHidden();
      expect(await y(all)).toBeLessThan(await y(filter));
      await filter.click();
      await expect(facets).toBeVisible();
      await expect(facets.getByRole('link', { name: /^incident/ })).toBeVisible();
    } finally {
      await removeCanaries(db, canaries);
    }
  });

  test('"xyzzy plugh" shows the honest empty page, with no divider and no Filter', async ({ page }) => {
    await page.goto('/search?q=xyzzy+plugh');
    await expect(page.getByText('Nothing matches “xyzzy plugh”.')).toBeVisible();
    await expect(page.getByText('Matching only some of your words')).toHaveCount(0);
    await expect(page.getByText('Filter', { exact: true })).toHaveCount(0);
    await expect(page.getByText(/\d+ results?, [\d.]+ ms/)).toHaveCount(0);
  });
});

test('on a wide screen the facets stay open beside the results, and the API says which hits match every word', async ({
  page,
  db,
  request,
}) => {
  const canaries = await createCanaries(db);
  try {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/search?q=${encodeURIComponent(canaries.query)}`);
    await expect(page.getByRole('navigation', { name: 'Refine results' })).toBeVisible();
    await expect(page.getByText('Filter', { exact: true })).toBeHidden();

    const body = await (await request.get(`/api/search?q=${encodeURIComponent(canaries.query)}`)).json();
    expect(body.results.map((r: { title: string; matchesAll: boolean }) => [r.title, r.matchesAll])).toEqual([
      [canaries.all, true],
      [canaries.some, false],
    ]);
    expect(body.total).toBe(2);
  } finally {
    await removeCanaries(db, canaries);
  }
});
