// Filing and editing postmortems in the browser: the form, drafts, history,
// conflicts between two people, and input that survives a reload.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { parseCheck, parseIncident } from '../lib/content/parse';
import { documentToForm } from '../lib/incidents/form';
import { expect, test } from './fixtures';

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

/** Types into a field the way a person would: focus it, then the keyboard. Long text is pasted in one go. */
async function type(page: Page, target: Locator | string, text: string) {
  const locator = typeof target === 'string' ? field(page, target) : target;
  await locator.focus();
  if (text.length > 120) await page.keyboard.insertText(text);
  else await page.keyboard.type(text);
}

/** Presses an "Add ..." button by keyboard; the new row's first field takes focus. */
async function addRow(page: Page, name: string) {
  await page.getByRole('button', { name, exact: true }).focus();
  await page.keyboard.press('Enter');
}

test('file a postmortem, find it, edit it, see the diff and restore', async ({ signIn, page, makeUser, db }) => {
  const author = await makeUser('author');
  await page.goto('/');
  await signIn(author);
  const slug = `e2e-filed-${Date.now()}`;
  try {
    await page.goto('/incidents/new');
    await type(page, 'Title', 'E2E: checkout API returned 502 after a config push');
    await field(page, 'Slug').fill(slug);
    await type(page, 'Summary', 'A bad load balancer config sent checkout traffic to a drained pool.');
    await field(page, 'Severity').selectOption('SEV2');
    await field(page, 'Time zone').fill('Europe/Paris');
    await type(page, 'Started', '2024-03-05 14:02');
    await type(page, 'Detected', '2024-03-05 14:05');
    await type(page, 'Resolved', '2024-03-05 14:40');
    await addRow(page, 'Add service');
    await page.keyboard.type('checkout-api');
    for (const [i, text] of ['Checkout returns HTTP 502', 'Pool "blue" shows 0 healthy backends'].entries()) {
      await addRow(page, 'Add symptom');
      await expect(field(page, `Symptom ${i + 1}`)).toBeFocused();
      await page.keyboard.type(text);
    }
    const entries = [
      ['2024-03-05 14:05', 'detection', 'Error rate alert fires.'],
      ['2024-03-05 14:20', 'diagnosis', 'The pushed config points at the drained pool.'],
      ['2024-03-05 14:40', 'recovery', 'Config rolled back; errors stop.'],
    ] as const;
    for (const [i, [at, kind, text]] of entries.entries()) {
      await addRow(page, 'Add timeline entry');
      await expect(field(page, `Timeline entry ${i + 1} time`)).toBeFocused();
      await page.keyboard.type(at);
      await field(page, `Timeline entry ${i + 1} kind`).selectOption(kind);
      await type(page, `Timeline entry ${i + 1} text`, text);
    }
    await addRow(page, 'Add resolution step');
    await page.keyboard.type('Roll back the load balancer config.');
    await type(page, 'Resolution step 1 command (optional)', 'lbctl rollback --to previous');
    await addRow(page, 'Add action item');
    await page.keyboard.type('Validate pool health before a config push');
    await type(page, 'Action item 1 owner', 'Edge team');
    await type(page, 'Action item 1 due date', '2024-04-01');
    await page.getByRole('button', { name: 'Publish' }).click();

    await expect(page).toHaveURL(new RegExp(`/incidents/${slug}$`));
    await expect(
      page.getByRole('heading', { level: 1, name: 'E2E: checkout API returned 502 after a config push' }),
    ).toBeVisible();
    await expect(
      page.getByRole('region', { name: 'Resolution' }).getByText('lbctl rollback --to previous', { exact: true }),
    ).toBeVisible();
    await expect(page.getByRole('region', { name: 'Timeline' }).getByRole('listitem')).toHaveCount(3);
    await expect(page.getByText('14:02 CET').first()).toBeVisible();

    await page.goto('/incidents');
    await expect(page.getByRole('link', { name: 'E2E: checkout API returned 502 after a config push' })).toBeVisible();

    // Edit: a new title and one symptom moved up by keyboard.
    await page.goto(`/incidents/${slug}`);
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await field(page, 'Title').fill('E2E: checkout API 502 after an LB config push');
    await page.getByRole('button', { name: 'Move symptom 2 up' }).focus();
    await page.keyboard.press('Enter');
    await expect(field(page, 'Symptom 1')).toHaveValue('Pool "blue" shows 0 healthy backends');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'E2E: checkout API 502 after an LB config push' })).toBeVisible();

    await page.getByRole('link', { name: 'History' }).click();
    const diff = page.getByRole('region', { name: 'Differences between version 1 and version 2' });
    // Field by field, the changed words marked (issue 17; e2e/authoring.spec.ts goes further).
    const titleRow = diff.getByRole('listitem').filter({ hasText: 'Title (changed)' });
    await expect(titleRow.getByRole('deletion').filter({ hasText: 'returned' })).toBeVisible();
    await expect(titleRow.getByRole('insertion').filter({ hasText: 'LB' })).toBeVisible();

    await page.getByRole('button', { name: 'Restore version 1' }).click();
    await expect(page.getByText('Restored as version 3.')).toBeVisible();
    await page.goto(`/incidents/${slug}`);
    await expect(
      page.getByRole('heading', { level: 1, name: 'E2E: checkout API returned 502 after a config push' }),
    ).toBeVisible();
  } finally {
    await db.query('DELETE FROM incidents WHERE slug = $1', [slug]);
  }
});

test('a second editor gets the conflict screen and keeps their input', async ({ signIn, browser, makeUser, testIncident }) => {
  const [alice, bob] = [await makeUser('author'), await makeUser('author')];
  const contexts = [await browser.newContext(), await browser.newContext()];
  try {
    const [pa, pb] = [await contexts[0]!.newPage(), await contexts[1]!.newPage()];
    for (const [p, user] of [
      [pa, alice],
      [pb, bob],
    ] as const) {
      await p.goto('/');
      await signIn(user, p);
      await p.goto(`/incidents/${testIncident.slug}/edit`);
    }
    await field(pa, 'Title').fill(`${testIncident.title} (Alice)`);
    await pa.getByRole('button', { name: 'Save changes' }).click();
    await expect(pa.getByRole('heading', { level: 1, name: `${testIncident.title} (Alice)` })).toBeVisible();

    await field(pb, 'Summary').fill('Bob rewrote the summary.');
    await pb.getByRole('button', { name: 'Save changes' }).click();
    const conflict = pb.getByRole('region', { name: /Edit conflict/ });
    await expect(conflict).toBeVisible();
    await expect(conflict).toBeFocused();
    await expect(conflict.getByRole('row', { name: /Title/ })).toContainText(`${testIncident.title} (Alice)`);
    await expect(conflict.getByRole('row', { name: /Summary/ })).toContainText('Bob rewrote the summary.');
    await expect(field(pb, 'Summary')).toHaveValue('Bob rewrote the summary.');

    // Bob takes Alice's version and re-applies his summary on top of it.
    await conflict.getByRole('button', { name: 'Discard my changes and load the current version' }).click();
    await expect(field(pb, 'Title')).toHaveValue(`${testIncident.title} (Alice)`);
    await field(pb, 'Summary').fill('Bob rewrote the summary.');
    await pb.getByRole('button', { name: 'Save changes' }).click();
    await expect(pb.getByRole('heading', { level: 1, name: `${testIncident.title} (Alice)` })).toBeVisible();
    await expect(pb.getByText('Bob rewrote the summary.')).toBeVisible();
  } finally {
    for (const c of contexts) await c.close();
  }
});

test('typed input survives a reload until it is discarded', async ({ signIn, page, makeUser }) => {
  await page.goto('/');
  await signIn(await makeUser('author'));
  await page.goto('/incidents/new');
  await type(page, 'Title', 'Half-written postmortem');
  await addRow(page, 'Add symptom');
  await page.keyboard.type('Everything is slow');
  await page.reload();
  await expect(page.getByText(/Restored unsaved changes/)).toBeVisible();
  await expect(field(page, 'Title')).toHaveValue('Half-written postmortem');
  await expect(field(page, 'Symptom 1')).toHaveValue('Everything is slow');
  await page.getByRole('button', { name: 'Discard unsaved changes' }).click();
  await expect(field(page, 'Title')).toHaveValue('');
  await page.reload();
  await expect(field(page, 'Title')).toHaveValue('');
  await expect(page.getByText(/Restored unsaved changes/)).toHaveCount(0);
});

test('errors are shown next to their fields and nothing typed is lost', async ({ signIn, page, makeUser }) => {
  await page.goto('/');
  await signIn(await makeUser('author'));
  await page.goto('/incidents/new');
  await type(page, 'Title', 'Times in the wrong order');
  await type(page, 'Started', '2024-03-05 14:00');
  await type(page, 'Detected', '2024-03-05 13:00');
  await addRow(page, 'Add timeline entry');
  await page.keyboard.type('2024-03-05 14:00');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Please correct the highlighted fields.' })).toBeVisible();
  await expect(field(page, 'Detected')).toHaveAttribute('aria-invalid', 'true');
  await expect(field(page, 'Detected')).toHaveAccessibleDescription(/cannot be detected before it was started/);
  await expect(field(page, 'Timeline entry 1 text')).toHaveAccessibleDescription(/Required/);
  await expect(field(page, 'Title')).toHaveValue('Times in the wrong order');
});

test('file the GS14 incident by keyboard; it renders like the seeded one', async ({ signIn, page, makeUser, db }) => {
  test.setTimeout(180_000);
  const seedFile = 'gs14-host-network-loss-2020-10.md';
  const seed = parseIncident(seedFile, readFileSync(path.join(process.cwd(), 'content/incidents', seedFile), 'utf8'));
  const gs14 = documentToForm({ ...seed.data, narrative: seed.narrative });
  const slug = `gs14-e2e-${Date.now()}`;
  await page.goto('/');
  await signIn(await makeUser('author'));
  try {
    await page.goto('/incidents/new');
    const started = performance.now();
    await type(page, 'Title', gs14.title);
    await field(page, 'Slug').focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(slug);
    await type(page, 'Written by', '');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(gs14.author);
    await type(page, 'Summary', gs14.summary);
    await field(page, 'Severity').focus();
    await page.keyboard.type(gs14.severity);
    await field(page, 'Source URL (optional)').focus();
    await page.keyboard.insertText(gs14.source);
    await field(page, 'Time zone').focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(gs14.timezone);
    for (const [label, value] of [
      ['Started', gs14.startedAt],
      ['Detected', gs14.detectedAt],
      ['Mitigated', gs14.mitigatedAt],
      ['Resolved', gs14.resolvedAt],
    ] as const) {
      await type(page, label, value);
    }
    await type(page, 'Impact', gs14.impact);
    for (const s of gs14.services) {
      await addRow(page, 'Add service');
      await page.keyboard.type(s.value);
    }
    for (const t of gs14.tags) {
      await addRow(page, 'Add tag');
      await page.keyboard.type(t.value);
    }
    for (const s of gs14.symptoms) {
      await addRow(page, 'Add symptom');
      await page.keyboard.type(s.value);
    }
    for (const e of gs14.timeline) {
      await addRow(page, 'Add timeline entry');
      await page.keyboard.type(e.at);
      await page.keyboard.press('Tab');
      await page.keyboard.type(e.kind);
      await page.keyboard.press('Tab');
      await page.keyboard.insertText(e.text);
    }
    await field(page, 'Root cause').focus();
    await page.keyboard.type(gs14.rootCause);
    if (gs14.trigger) await field(page, 'Trigger').selectOption(gs14.trigger);
    for (const f of gs14.contributingFactors) {
      await addRow(page, 'Add contributing factor');
      await page.keyboard.type(f.title);
      // Title, then the category list, then the detail.
      await page.keyboard.press('Tab');
      if (f.category) await page.locator(':focus').selectOption(f.category);
      await page.keyboard.press('Tab');
      await page.keyboard.insertText(f.detail);
    }
    for (const [i, s] of gs14.resolutionSteps.entries()) {
      await addRow(page, 'Add resolution step');
      await page.keyboard.insertText(s.text);
      if (s.command) {
        await page.keyboard.press('Tab');
        await page.keyboard.type(s.command);
      }
      if (s.check) {
        // A select picks its option by typing the start of its label.
        const check = parseCheck(
          `${s.check}.md`,
          readFileSync(path.join(process.cwd(), 'content/checks', `${s.check}.md`), 'utf8'),
        );
        await field(page, `Resolution step ${i + 1} catalog check (optional)`).focus();
        await page.keyboard.type(check.data.title);
      }
    }
    for (const a of gs14.actionItems) {
      await addRow(page, 'Add action item');
      await page.keyboard.insertText(a.text);
      await page.keyboard.press('Tab');
      await page.keyboard.type(a.owner);
    }
    await type(page, 'Lessons (markdown, optional)', gs14.lessons);
    await type(page, 'Narrative (markdown)', gs14.narrative);
    await field(page, 'Status').focus();
    await page.keyboard.type('Resolved');
    await page.getByRole('button', { name: 'Publish' }).focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/incidents/${slug}$`));
    const seconds = (performance.now() - started) / 1000;
    console.log(`GS14 filed from scratch by keyboard in ${seconds.toFixed(1)} s`);

    // The filed incident renders like the seeded one, section by section.
    const sections = [
      'Symptoms',
      'Impact',
      'Timeline',
      'Contributing factors',
      'Resolution',
      'Action items',
      'Lessons',
      'Full write-up',
    ];
    const render = async (s: string) => {
      await page.goto(`/incidents/${s}`);
      const out: Record<string, string> = {
        title: await page.getByRole('heading', { level: 1 }).innerText(),
        header: await page.locator('article > header').innerText(),
      };
      for (const name of sections) out[name] = await page.getByRole('region', { name, exact: true }).innerText();
      return out;
    };
    const filed = await render(slug);
    const seeded = await render(seed.data.slug);
    expect(filed).toEqual(seeded);
  } finally {
    await db.query('DELETE FROM incidents WHERE slug = $1', [slug]);
  }
});

test('download an incident as markdown and import it back, with errors by field', async ({
  signIn,
  page,
  makeUser,
  testIncident,
}) => {
  await page.goto('/');
  await signIn(await makeUser('author'));
  await page.goto(`/incidents/${testIncident.slug}`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download markdown' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${testIncident.slug}.md`);
  const text = readFileSync(await download.path(), 'utf8');
  expect(text).toMatch(new RegExp(`^---\\nslug: ${testIncident.slug}\\n`));

  await page.goto('/incidents/import');
  const edited = text.replace(`title: ${testIncident.title}`, `title: ${testIncident.title} (imported)`);
  await page
    .getByLabel('Incident file (.md)')
    .setInputFiles({ name: 'edited.md', mimeType: 'text/markdown', buffer: Buffer.from(edited) });
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Updated' })).toBeVisible();
  await page.getByRole('link', { name: testIncident.slug }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${testIncident.title} (imported)` })).toBeVisible();

  await page.goto('/incidents/import');
  const broken = text.replace('severity: SEV4', 'severity: SEV9').replace(/startedAt: "[^"]+"/, 'startedAt: "yesterday"');
  await page
    .getByLabel('Incident file (.md)')
    .setInputFiles({ name: 'broken.md', mimeType: 'text/markdown', buffer: Buffer.from(broken) });
  await page.getByRole('button', { name: 'Import' }).click();
  const problems = page.getByRole('table', { name: 'Problems by field' });
  await expect(problems.getByRole('row', { name: /severity/ })).toBeVisible();
  await expect(problems.getByRole('row', { name: /startedAt/ })).toBeVisible();

  // Front matter in any language but YAML is refused by field, and nothing in it runs (issue 10).
  await page.goto('/incidents/import');
  const js = text.replace(/^---\n/, '---js\n');
  await page
    .getByLabel('Incident file (.md)')
    .setInputFiles({ name: 'js.md', mimeType: 'text/markdown', buffer: Buffer.from(js) });
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(
    page.getByRole('table', { name: 'Problems by field' }).getByRole('row', { name: /frontmatter.*only YAML/ }),
  ).toBeVisible();
});
