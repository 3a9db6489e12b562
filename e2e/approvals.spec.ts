// Four-eyes approval on the demo: an operator requests demo-touch-marker on
// the local agent, cannot approve it themselves, a second operator approves it
// on /approvals, it runs and passes, and the audit trail names both people.
import { test as base, expect, type TestUser } from './fixtures';

const test = base.extend<{ requester: TestUser; approver: TestUser; admin: TestUser }>({
  requester: async ({ makeUser, db }, provide) => {
    const user = await makeUser('operator');
    await provide(user);
    const mine = `SELECT id FROM users WHERE email = $1`;
    await db.query(`DELETE FROM approval_requests WHERE requested_by_id IN (${mine})`, [user.email]);
    await db.query(`DELETE FROM check_runs WHERE requested_by_id IN (${mine})`, [user.email]);
  },
  approver: async ({ makeUser }, provide) => provide(await makeUser('operator')),
  admin: async ({ makeUser }, provide) => provide(await makeUser('admin')),
});

test('request demo-touch-marker, approve it as another operator, see it pass and both names in the audit trail', async ({
  browser,
  signIn,
  page,
  requester,
  approver,
  admin,
}) => {
  await signIn(requester);
  await page.goto('/checks/demo-touch-marker');
  const block = page.getByRole('region', { name: 'Check: Touch the demo marker file' });
  await expect(block.getByRole('checkbox', { name: /localhost/ })).toBeChecked();
  await block.getByLabel('Reason (shown to the approver)').fill('e2e: try the four-eyes flow');
  await block.getByRole('button', { name: 'Request approval to run on 1 host' }).click();
  await expect(block.getByText('Awaiting approval').first()).toBeVisible({ timeout: 15_000 });

  // The requester's own approval is refused.
  await page.goto('/approvals');
  const mine = page.getByRole('listitem').filter({ hasText: 'e2e: try the four-eyes flow' });
  await expect(mine.getByText('touch demo-touch-marker')).toBeVisible();
  await mine.getByRole('button', { name: 'Approve and run' }).click();
  await expect(mine.getByRole('alert')).toContainText('someone else must approve');

  // A second operator approves it in their own browser.
  const other = await browser.newContext();
  const approverPage = await other.newPage();
  await signIn(approver, approverPage);
  await approverPage.goto('/approvals');
  const pending = approverPage.getByRole('listitem').filter({ hasText: 'e2e: try the four-eyes flow' });
  await pending.getByLabel(/Reason/).fill('e2e: looks right');
  await pending.getByRole('button', { name: 'Approve and run' }).click();
  await expect(pending.getByRole('status')).toContainText('Approved');
  await pending.getByRole('link', { name: 'Follow them' }).click();
  await expect(approverPage.getByText('Passed').first()).toBeVisible({ timeout: 15_000 });
  await other.close();

  // The audit trail names both people.
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await signIn(admin, adminPage);
  // The audit trail names people by their sign-in address.
  await adminPage.goto('/admin/audit?action=approval.request');
  await expect(adminPage.getByRole('cell', { name: requester.email, exact: true })).toBeVisible();
  await adminPage.goto('/admin/audit?action=approval.approve');
  const approval = adminPage.getByRole('row').filter({ hasText: approver.email }).filter({ hasText: 'success' });
  await expect(approval).toBeVisible();
  await expect(approval).toContainText(requester.email);
  await adminContext.close();
});
