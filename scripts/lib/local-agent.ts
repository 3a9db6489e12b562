// The demo's local agent: started by `npm start` (embedded database) and by
// the e2e tests, allowed the catalog's read-only checks (and demo-touch-marker), and registered as host
// `localhost` so a new user can run `ip route` at once.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnAgent, type SpawnedAgent } from '../../agent/spawn';
import { agentConfigFromCatalog } from '../../lib/checks/agent-config';
import { parseCheck } from '../../lib/content/parse';
import type { PrismaClient } from '../../lib/generated/prisma/client';
import { sealSecret } from '../../lib/hosts/secret-box';

export const LOCAL_HOST_NAME = 'localhost';
export const LOCAL_HOST_ROLE = 'local';
/** The demo's one action that changes the host: `touch` on a marker file in the agent's data folder. */
export const DEMO_MARKER_CHECK = 'demo-touch-marker';
/** Where that marker lands, under the agent's own data folder (the agent runs commands from /). */
export const demoMarkerPath = (dataDir: string) => path.resolve(dataDir, 'demo-touch-marker');

function agentSecret(dataDir: string): string {
  const file = path.join(dataDir, 'agent-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

function catalog(contentDir: string) {
  const dir = path.join(contentDir, 'checks');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => parseCheck(f, readFileSync(path.join(dir, f), 'utf8')).data);
}

/**
 * Writes the agent's config (its secret stays in its own file), starts it on a
 * free loopback port, and points host `localhost` at it with the secret sealed
 * under `authSecret`, the key the app will open it with.
 */
export async function startLocalAgent(opts: {
  db: PrismaClient;
  dataDir: string;
  contentDir: string;
  authSecret: string;
  onLine?: (line: string) => void;
}): Promise<SpawnedAgent> {
  const secret = agentSecret(opts.dataDir);
  const configPath = path.join(opts.dataDir, 'agent.json');
  // The local agent's owner (this demo) allows its one changing action; the
  // seed fixes (systemctl restart ...) stay refused here, whatever the app approves.
  const config = agentConfigFromCatalog(LOCAL_HOST_NAME, 'agent-secret', catalog(opts.contentDir), {
    allowChanging: [DEMO_MARKER_CHECK],
    argvOverrides: { [DEMO_MARKER_CHECK]: ['touch', demoMarkerPath(opts.dataDir)] },
  });
  writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  const agent = await spawnAgent({ configPath, host: '127.0.0.1', onLine: opts.onLine });
  const secretSealed = sealSecret(secret, { BETTER_AUTH_SECRET: opts.authSecret, HOST_SECRET_KEY: process.env.HOST_SECRET_KEY });
  await opts.db.host.upsert({
    where: { name: LOCAL_HOST_NAME },
    create: { name: LOCAL_HOST_NAME, role: LOCAL_HOST_ROLE, agentUrl: agent.url, secretSealed },
    update: { agentUrl: agent.url, secretSealed, disabled: false },
  });
  return agent;
}
