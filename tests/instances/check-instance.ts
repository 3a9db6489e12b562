// A second app process for lib/checks/leases.int.test.ts, started with
// `node --import tsx`. It runs the same check code an app instance runs, on
// the database in DATABASE_URL:
//   sweeper            what an instance does at startup (instrumentation.ts):
//                      sweep now and every SWEEP_EVERY_MS; used when there is
//                      no current production build to `next start`
//   hold CHECK HOST    launch CHECK on HOST and take its job as a queue worker
//                      does (claim, lease, execute); prints {"runId"} once it
//                      is queued, then keeps going until killed (the test
//                      kills it to play a worker that dies mid-check)
import { prepareLaunch } from '@/lib/checks/prepare-launch';
import { runCheckJob } from '@/lib/checks/run-job';
import { startRunSweeper } from '@/lib/checks/sweeper';
import { scriptClient } from '@/scripts/lib/prisma';

const [mode, check, hostId] = process.argv.slice(2);
const db = scriptClient(process.env.DATABASE_URL!);

if (mode === 'sweeper') {
  await startRunSweeper(db);
  console.log(JSON.stringify({ ready: true }));
  setInterval(() => {}, 60_000); // an app instance stays up until stopped
} else if (mode === 'hold' && check && hostId) {
  const prepared = await prepareLaunch(db, { check, hostIds: [hostId], params: {} }, null);
  if (!prepared.ok) throw new Error(prepared.error);
  console.log(JSON.stringify({ runId: prepared.runs[0]!.id }));
  await runCheckJob(db, prepared.runs[0]!.id);
} else {
  throw new Error('usage: check-instance.ts sweeper | hold CHECK HOST');
}
