// Launching catalog checks from the pages operators read, on the real local
// agent that `npm test` starts and registers as host `localhost`.
import { randomUUID } from 'node:crypto';
import { test as base, expect, type TestUser } from './fixtures';

const GS14 = '/incidents/gs14-host-network-loss-2020-10';

// An operator whose runs (and the evidence entries they add) are removed afterwards.
const test = base.extend<{ operator: TestUser; twinHost: string }>({
  // A second host on the same agent: same machine, so its output must match localhost's.
  twinHost: async ({ db }, provide) => {
    const name = `localhost-twin-${randomUUID().slice(0, 6)}`;
    await db.query(
      `INSERT INTO hosts (id, name, role, agent_url, secret_sealed, updated_at)
       SELECT $1, $2, role, agent_url, secret_sealed, now() FROM hosts WHERE name = 'localhost'`,
      [randomUUID().replace(/-/g, ''), name],
    );
    await provide(name);
    await db.query(`DELETE FROM check_runs WHERE host_id = (SELECT id FROM hosts WHERE name = $1)`, [name]);
    await db.query('DELETE FROM hosts WHERE name = $1', [name]);
  },
  operator: async ({ makeUser, db }, provide) => {
    const user = await makeUser('operator');
    await provide(user);
    const runs = `SELECT r.id FROM check_runs r JOIN users u ON u.id = r.requested_by_id WHERE u.email = $1`;
    await db.query(`DELETE FROM timeline_entries WHERE check_run_id IN (${runs})`, [user.email]);
    await db.query(`DELETE FROM check_runs WHERE id IN (${runs})`, [user.email]);
  },
});

test('from the GS14 page, run ip route on localhost and attach it to the timeline', async ({ signIn, page, operator }) => {
  await signIn(operator);
  await page.goto(GS14);
  const block = page.getByRole('region', { name: 'Check: Routing table' });
  await expect(block.getByRole('checkbox', { name: /localhost/ })).toBeChecked();
  await block.getByRole('button', { name: 'Run on 1 host' }).click();

  const result = block.getByRole('region', { name: 'Routing table on localhost' });
  await expect(result.getByText('Passed')).toBeVisible({ timeout: 15_000 });
  // Real output of `ip route show` on this machine.
  await expect(result.getByLabel('stdout output')).toContainText(/\bdev\b/);
  await expect(result.getByText('Expected exit code 0; got 0.')).toBeVisible();

  // Nothing reaches the published timeline by itself (decision 037): the author attaches it.
  await page.reload();
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline.getByText(/Check "Routing table" on localhost passed/)).toHaveCount(0);
  await page.goto(GS14);
  await block.getByRole('button', { name: 'Run on 1 host' }).click();
  await expect(result.getByText('Passed')).toBeVisible({ timeout: 15_000 });
  await result.getByRole('link', { name: 'Run details' }).click();
  await page.getByRole('button', { name: 'Attach to timeline' }).click();
  // The page shows where the run is attached as soon as the new revision is saved, and after a reload.
  await expect(page.getByText(/Attached to the timeline of .+ \(revision \d+\)/)).toBeVisible();
  await page.reload();
  await expect(page.getByText(/Attached to the timeline of .+ \(revision \d+\)/)).toBeVisible();

  // On the incident's timeline now, with a link back to its output.
  await page.goto(GS14);
  await expect(timeline.getByText(/Check "Routing table" on localhost passed/)).toBeVisible();
  await timeline.getByRole('link', { name: 'Output of this run' }).last().click();
  await expect(page.getByRole('heading', { name: 'Routing table on localhost' })).toBeVisible();
  await expect(page.getByText('["ip","route","show"]')).toBeVisible();
});

test('the arp_ignore check shows a verdict with the expected value', async ({ signIn, page, operator }) => {
  await signIn(operator);
  await page.goto(GS14);
  const block = page.getByRole('region', { name: /Check: lo does not answer ARP/ });
  await expect(block.getByText('Passes when: output equals "1"')).toBeVisible();
  await block.getByRole('button', { name: 'Run on 1 host' }).click();
  const result = block.getByRole('region', { name: /on localhost$/ });
  // Whatever this machine says, the verdict names the expected value and what came back.
  await expect(result.getByText(/^(Passed|Failed)$/)).toBeVisible({ timeout: 15_000 });
  await expect(result.getByText(/^Expected output equals "1"; got "\d"\.$/)).toBeVisible();
});

test('fan-out: one check on every host of a role, grouped by output, with the launch page', async ({
  signIn,
  page,
  operator,
  twinHost,
}) => {
  await signIn(operator);
  await page.goto('/checks/uname');
  const block = page.getByRole('region', { name: 'Check: Kernel and host name' });
  await block.getByRole('button', { name: /All local hosts \(\d+\)/ }).click();
  await block.getByRole('button', { name: /Run on \d+ hosts/ }).click();
  await expect(
    block.getByRole('region', { name: 'Kernel and host name on localhost', exact: true }).getByText('Passed'),
  ).toBeVisible({ timeout: 15_000 });
  await expect(block.getByRole('region', { name: `Kernel and host name on ${twinHost}` }).getByText('Passed')).toBeVisible();
  await expect(block.getByText('Same output as localhost.').first()).toBeVisible();
  // The block groups the hosts by output (the twin prints what localhost prints) and links the launch's page.
  await expect(block.getByRole('list', { name: 'Hosts grouped by output' }).getByText(/^\d+ hosts: same output$/)).toBeVisible();
  await block.getByRole('link', { name: 'Open the launch' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Kernel and host name on \d+ hosts$/ })).toBeVisible();
  await expect(page.getByRole('main').getByRole('heading', { level: 2 }).first()).toHaveText(/^\d+ hosts: same output$/);
});

test('a viewer sees the check but cannot launch it', async ({ signIn, page, makeUser }) => {
  const viewer = await makeUser('viewer');
  await signIn(viewer);
  await page.goto(GS14);
  const block = page.getByRole('region', { name: 'Check: Routing table' });
  await expect(block.getByText('Sign in as an operator to run it.', { exact: false })).toBeVisible();
  await expect(block.getByRole('button', { name: /Run on/ })).toHaveCount(0);
});

test('a bad parameter is refused next to its field and what was typed stays', async ({ signIn, page, operator }) => {
  await signIn(operator);
  await page.goto('/checks/ip-neigh-address');
  const block = page.getByRole('region', { name: /Check: Is this neighbour reachable/ });
  const field = block.getByLabel(/address/);
  await field.fill('10.0.0.1; id');
  await block.getByRole('button', { name: 'Run on 1 host' }).click();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveValue('10.0.0.1; id');
  await expect(block.getByRole('alert')).toContainText('Please correct the parameters.');
});
