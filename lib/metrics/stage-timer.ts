// Where a request's time goes, stage by stage, as a `Server-Timing` header
// (the standard one browsers' developer tools and `npm run bench:search` read).
// Sent only with PMKB_SERVER_TIMING=on: stage durations say nothing about the
// data, but they are a profiling aid, not something every visitor needs.

/** Stage names become header tokens: letters, digits, '-' and '_' only. */
const STAGE_NAME = /^[A-Za-z0-9_-]+$/;

export const serverTimingEnabled = (env: Record<string, string | undefined> = process.env) => env.PMKB_SERVER_TIMING === 'on';

export class StageTimer {
  private readonly stages = new Map<string, number>();

  /** Runs `fn` and adds its duration to `stage` (a stage timed twice, e.g. two queries, sums). */
  async time<T>(stage: string, fn: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await fn();
    } finally {
      this.add(stage, performance.now() - started);
    }
  }

  /** The same for synchronous work (JSON serialization). */
  timeSync<T>(stage: string, fn: () => T): T {
    const started = performance.now();
    try {
      return fn();
    } finally {
      this.add(stage, performance.now() - started);
    }
  }

  add(stage: string, ms: number): void {
    if (!STAGE_NAME.test(stage)) throw new Error(`stage name ${JSON.stringify(stage)} is not a header token`);
    this.stages.set(stage, (this.stages.get(stage) ?? 0) + ms);
  }

  get(stage: string): number | undefined {
    return this.stages.get(stage);
  }

  /** `auth;dur=0.12, search;dur=8.40` */
  header(): string {
    return [...this.stages].map(([name, ms]) => `${name};dur=${ms.toFixed(2)}`).join(', ');
  }
}

/** A Server-Timing header's stages (name -> ms); entries without a duration are skipped. */
export function parseServerTiming(header: string | null): Map<string, number> {
  const out = new Map<string, number>();
  for (const entry of (header ?? '').split(',')) {
    const [name, ...params] = entry.trim().split(';');
    const dur = params.map((p) => p.trim()).find((p) => p.startsWith('dur='));
    if (name && dur) out.set(name, Number(dur.slice(4)));
  }
  return out;
}
