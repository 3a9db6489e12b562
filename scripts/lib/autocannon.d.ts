// The part of autocannon's API the load benchmark uses (the package ships no types).
declare module 'autocannon' {
  interface Percentiles {
    average: number;
    p50: number;
    p99: number;
    max: number;
  }
  export interface Result {
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    '5xx': number;
    latency: Percentiles;
    requests: Percentiles & { total: number; sent: number };
  }
  export interface Options {
    url: string;
    connections?: number;
    duration?: number;
    timeout?: number;
    requests?: { method?: string; path: string }[];
  }
  function autocannon(opts: Options): Promise<Result>;
  export default autocannon;
}
