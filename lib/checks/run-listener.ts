// One LISTEN connection per app process for check-run changes (run-channel.ts),
// fanned out to the event streams and waits of this process that subscribed to
// a batch. Any process may serve any batch: the worker that wrote the change
// may be another process on another machine. Like lib/cache/listener.ts, a lost
// connection reconnects with backoff, and every subscriber is told to re-read
// when it is back, since notifications may have been missed meanwhile.
import pg from 'pg';
import { log } from '@/lib/log';
import { RUNS_CHANNEL } from './run-channel';

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 30_000;

type Subscriber = () => void;

export class RunListener {
  private client: pg.Client | null = null;
  private stopped = false;
  private retryMs = RETRY_MIN_MS;
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private readyWaiters: (() => void)[] = [];
  /** Connected and listening: only then do notifications arrive. */
  live = false;

  constructor(private readonly url: string) {}

  /** Calls `onChange` whenever the batch may have changed; returns the unsubscribe. */
  subscribe(batchId: string, onChange: Subscriber): () => void {
    this.start();
    let set = this.subscribers.get(batchId);
    if (!set) this.subscribers.set(batchId, (set = new Set()));
    set.add(onChange);
    return () => {
      set.delete(onChange);
      if (!set.size && this.subscribers.get(batchId) === set) this.subscribers.delete(batchId);
    };
  }

  /** Resolves once listening (streams wait for it before their first read, so nothing falls between). */
  ready(timeoutMs = 5_000): Promise<boolean> {
    this.start();
    if (this.live) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.readyWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private emit(batchId: string | null) {
    const targets = batchId === null ? [...this.subscribers.values()] : [this.subscribers.get(batchId)].filter(Boolean);
    for (const set of targets) for (const fn of [...set!]) fn();
  }

  start(): void {
    if (this.client || this.stopped) return;
    const client = new pg.Client({ connectionString: this.url, keepAlive: true });
    this.client = client;
    client.on('notification', (msg) => {
      if (msg.channel === RUNS_CHANNEL && msg.payload) this.emit(msg.payload);
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client
      .connect()
      .then(() => client.query(`LISTEN ${RUNS_CHANNEL}`))
      .then(() => {
        if (this.client !== client) return;
        this.live = true;
        this.retryMs = RETRY_MIN_MS;
        for (const w of this.readyWaiters.splice(0)) w();
        this.emit(null); // whatever changed while we were not listening
      })
      .catch(() => this.lost(client));
  }

  private lost(client: pg.Client) {
    if (this.client !== client) return;
    this.client = null;
    this.live = false;
    client.end().catch(() => {});
    if (this.stopped) return;
    log.warn({ retryMs: this.retryMs }, 'checks: run listener lost its connection; reconnecting');
    setTimeout(() => this.start(), this.retryMs).unref();
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.live = false;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}

const g = globalThis as unknown as { pmkbRunListener?: RunListener };

/** This process's listener (shared by every route bundle, like the read cache's). */
export function processRunListener(): RunListener {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  g.pmkbRunListener ??= new RunListener(url);
  return g.pmkbRunListener;
}
