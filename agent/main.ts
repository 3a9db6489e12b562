// npm run agent -- --config <file> --port <n> [--host 127.0.0.1]
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type AgentConfig } from './config';
import { createAgentServer } from './server';

const USAGE = 'usage: npm run agent -- --config <file> --port <n> [--host 127.0.0.1]';
const EXIT_BAD_USAGE = 2;
/** Longest wait for open responses to finish after the checks were killed. */
const SHUTDOWN_FLUSH_MS = 2_000;

function fail(message: string): never {
  console.error(message);
  process.exit(EXIT_BAD_USAGE);
}

function parseCli(): { config: AgentConfig; port: number; host: string } {
  let values: { config?: string; port?: string; host?: string };
  try {
    ({ values } = parseArgs({
      options: { config: { type: 'string' }, port: { type: 'string' }, host: { type: 'string', default: '127.0.0.1' } },
      strict: true,
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  if (!values.config) fail(`--config is required\n${USAGE}`);
  const port = Number(values.port);
  if (!values.port || !Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number\n${USAGE}`);
  try {
    return { config: loadConfig(values.config), port, host: values.host ?? '127.0.0.1' };
  } catch (error) {
    if (error instanceof ConfigError) fail(`agent config ${values.config} is invalid:\n${error.message}`);
    throw error;
  }
}

const { config, port, host } = parseCli();
const server = createAgentServer(config);
server.on('error', (error: NodeJS.ErrnoException) =>
  fail(`agent cannot listen on ${host}:${port}: ${error.code ?? error.message}`),
);
server.listen(port, host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  console.log(`agent ${config.name} listening on http://${shownHost}:${actualPort}`);
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`agent ${config.name} stopping (${signal})`);
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await server.stopRuns();
  // Lets the final exit events reach their clients before the process goes.
  server.closeIdleConnections();
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, SHUTDOWN_FLUSH_MS))]);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
