// One LISTEN connection per app process for check-run changes (run-channel.ts),
// fanned out to the event streams and waits of this process that subscribed to
// a batch. Any process may serve any batch: the worker that wrote the change
// may be another process on another machine. The connection
// (lib/listen-connection.ts) reconnects with backoff, and every subscriber is
// told to re-read when it is back, since notifications may have been missed meanwhile.
import { ListenConnection } from '@/lib/listen-connection';
import { RUNS_CHANNEL } from './run-channel';

type Subscriber = () => void;

export class RunListener {
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private readonly connection: ListenConnection;

  constructor(url: string) {
    this.connection = new ListenConnection(
      url,
      RUNS_CHANNEL,
      {
        notified: (payload) => {
          if (payload) this.emit(payload);
        },
        listening: () => this.emit(null), // whatever changed while we were not listening
      },
      'checks: run',
    );
  }

  /** Connected and listening: only then do notifications arrive. */
  get live(): boolean {
    return this.connection.live;
  }

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
    return this.connection.ready(timeoutMs);
  }

  private emit(batchId: string | null) {
    const targets = batchId === null ? [...this.subscribers.values()] : [this.subscribers.get(batchId)].filter(Boolean);
    for (const set of targets) for (const fn of [...set!]) fn();
  }

  start(): void {
    this.connection.start();
  }

  stop(): Promise<void> {
    return this.connection.stop();
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
