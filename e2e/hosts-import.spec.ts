// Bulk host registration from the admin page: a pasted CSV inventory is
// previewed with its errors by line, and nothing is applied while a row is wrong.
import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';

test('an admin previews a CSV inventory and sees each bad row on its line', async ({ makeUser, signIn, page, db }) => {
  const admin = await makeUser('admin');
  await signIn(admin);
  const prefix = `e2e-inv-${randomUUID().slice(0, 6)}`;
  await page.goto('/admin/hosts');
  await page.getByRole('link', { name: 'Import hosts from an inventory file' }).click();
  await expect(page.getByRole('heading', { name: 'Import hosts' })).toBeVisible();

  const form = page.getByRole('form', { name: 'Import hosts' });
  await form.getByLabel('Format').selectOption('csv');
  await form
    .getByLabel(/Inventory \(paste/)
    .fill(
      [
        'name,role,agent_url,labels,secret',
        `${prefix}-1,director,http://10.0.0.5:7070,"site=par1,tier=edge",env:AGENT_SECRET_E2E_NOT_SET`,
        `${prefix}-2,director,http://169.254.169.254,,env:AGENT_SECRET_E2E_NOT_SET`,
      ].join('\n'),
    );
  await form.getByRole('button', { name: 'Preview' }).click();

  const report = page.getByRole('region', { name: 'Import report' });
  await expect(report.getByRole('status')).toContainText('0 would be created, 0 would be updated, 0 unchanged, 2 with errors');
  await expect(report.getByRole('row', { name: /^2 / })).toContainText('The variable AGENT_SECRET_E2E_NOT_SET is not set');
  await expect(report.getByRole('row', { name: /^3 / })).toContainText('This agent address is not allowed');
  await expect(form.getByRole('button', { name: 'Apply' })).toBeDisabled();
  const { rows } = await db.query('SELECT count(*)::int AS n FROM hosts WHERE name LIKE $1', [`${prefix}%`]);
  expect(rows[0].n).toBe(0);
});
