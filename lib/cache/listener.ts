// One dedicated connection per app process that LISTENs for other processes'
// writes (lib/cache/notify.ts) and drops what they changed from this process's
// store. While it is not connected nothing is cached (reads go to the
// database), and a lost connection empties the store, since notifications may
// have been missed meanwhile.
import { ListenConnection } from '@/lib/listen-connection';
import type { TaggedStore } from './store';
import { CACHE_CHANNEL, isCacheTag } from './tags';

export class CacheListener {
  private readonly connection: ListenConnection;

  constructor(url: string, store: TaggedStore) {
    this.connection = new ListenConnection(
      url,
      CACHE_CHANNEL,
      {
        notified(payload) {
          // An unknown payload (a newer version's tag) must still invalidate: everything goes.
          if (payload && isCacheTag(payload)) store.invalidate([payload]);
          else store.clear();
        },
        listening: () => store.clear(),
        lost: () => store.clear(),
      },
      'read cache',
    );
  }

  /** Connected and listening: only then may results be kept. */
  get live(): boolean {
    return this.connection.live;
  }

  start(): void {
    this.connection.start();
  }

  /** Resolves once listening (tests; the app never waits for it). */
  async ready(): Promise<void> {
    await this.connection.ready();
  }

  stop(): Promise<void> {
    return this.connection.stop();
  }
}
