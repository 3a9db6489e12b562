// One dedicated connection per app process that LISTENs for other processes'
// writes (lib/cache/notify.ts) and drops what they changed from this process's
// store. While it is not connected nothing is cached (reads go to the
// database), and a lost connection empties the store, since notifications may
// have been missed meanwhile.
import pg from 'pg';
import type { TaggedStore } from './store';
import { CACHE_CHANNEL, isCacheTag } from './tags';

/** First reconnect delay after the connection is lost; doubles up to the maximum. */
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 30_000;

export class CacheListener {
  private client: pg.Client | null = null;
  private stopped = false;
  private retryMs = RETRY_MIN_MS;
  private waiters: (() => void)[] = [];
  /** Connected and listening: only then may results be kept. */
  live = false;

  constructor(
    private readonly url: string,
    private readonly store: TaggedStore,
  ) {}

  start(): void {
    if (this.client || this.stopped) return;
    const client = new pg.Client({ connectionString: this.url, keepAlive: true });
    this.client = client;
    client.on('notification', (msg) => {
      if (msg.channel !== CACHE_CHANNEL) return;
      // An unknown payload (a newer version's tag) must still invalidate: everything goes.
      if (msg.payload && isCacheTag(msg.payload)) this.store.invalidate([msg.payload]);
      else this.store.clear();
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client
      .connect()
      .then(() => client.query(`LISTEN ${CACHE_CHANNEL}`))
      .then(() => {
        if (this.client !== client) return;
        this.store.clear();
        this.live = true;
        this.retryMs = RETRY_MIN_MS;
        for (const w of this.waiters.splice(0)) w();
      })
      .catch(() => this.lost(client));
  }

  /** Resolves once listening (tests; the app never waits for it). */
  ready(): Promise<void> {
    this.start();
    return this.live ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  private lost(client: pg.Client) {
    if (this.client !== client) return;
    this.client = null;
    this.live = false;
    this.store.clear();
    client.end().catch(() => {});
    if (this.stopped) return;
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
