// One dedicated connection that LISTENs on a channel, for a process-wide
// listener (the read cache's, lib/cache/listener.ts; the check runs',
// lib/checks/run-listener.ts). A lost connection reconnects with backoff, and
// the owner is told both when it is lost and when it listens again, since
// notifications may have been missed meanwhile.
import pg from 'pg';
import { log } from '@/lib/log';

/** First reconnect delay after the connection is lost; doubles up to the maximum. */
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 30_000;

export interface ListenHandlers {
  /** A notification on the channel, with its payload. */
  notified(payload: string | undefined): void;
  /** Listening (the first time, or again after a loss). */
  listening?(): void;
  /** The connection was lost: nothing arrives until `listening`. */
  lost?(): void;
}

export class ListenConnection {
  private client: pg.Client | null = null;
  private stopped = false;
  private retryMs = RETRY_MIN_MS;
  private waiters: (() => void)[] = [];
  /** Connected and listening: only then do notifications arrive. */
  live = false;

  /** `channel` is a constant identifier of ours (LISTEN takes no parameter); `name` appears in the reconnect warning. */
  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly handlers: ListenHandlers,
    private readonly name: string,
  ) {}

  start(): void {
    if (this.client || this.stopped) return;
    const client = new pg.Client({ connectionString: this.url, keepAlive: true });
    this.client = client;
    client.on('notification', (msg) => {
      if (msg.channel === this.channel) this.handlers.notified(msg.payload);
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client
      .connect()
      .then(() => client.query(`LISTEN ${this.channel}`))
      .then(() => {
        if (this.client !== client) return;
        this.live = true;
        this.retryMs = RETRY_MIN_MS;
        for (const w of this.waiters.splice(0)) w();
        this.handlers.listening?.();
      })
      .catch(() => this.lost(client));
  }

  /** Resolves true once listening, or false after `timeoutMs` (without one, it waits). */
  ready(timeoutMs?: number): Promise<boolean> {
    this.start();
    if (this.live) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private lost(client: pg.Client) {
    if (this.client !== client) return;
    this.client = null;
    this.live = false;
    this.handlers.lost?.();
    client.end().catch(() => {});
    if (this.stopped) return;
    log.warn({ retryMs: this.retryMs }, `${this.name}: listener lost its connection; reconnecting`);
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
