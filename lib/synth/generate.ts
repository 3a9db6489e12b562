// Synthetic incidents for scale tests (`npm run db:synth`, `npm run bench:search`).
// Deterministic for a seed, so two runs build the same corpus. The vocabulary is
// an operator's: services, hosts, commands, error strings, in varied combinations,
// so term frequencies range from very common ("latency") to rare (one host name).

/** Small fast PRNG (mulberry32): reproducible corpora without a dependency. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!,
    /** Skewed pick: early items are much more common (a Zipf-like vocabulary). */
    skewed: <T>(xs: readonly T[]) => xs[Math.floor(next() ** 2.2 * xs.length)]!,
  };
}
type Rng = ReturnType<typeof rng>;

const SERVICES = [
  'payments-api',
  'checkout',
  'auth-service',
  'search-api',
  'orders',
  'inventory',
  'notifications',
  'billing',
  'user-profile',
  'media-upload',
  'image-resizer',
  'recommendations',
  'gateway',
  'edge-proxy',
  'ingress-nginx',
  'coredns',
  'postgres-primary',
  'postgres-replica',
  'mysql-orders',
  'redis-cache',
  'redis-sessions',
  'kafka',
  'zookeeper',
  'rabbitmq',
  'elasticsearch',
  'prometheus',
  'grafana',
  'alertmanager',
  'vault',
  'consul',
  'etcd',
  'kube-apiserver',
  'kubelet',
  'cilium',
  'calico',
  'haproxy',
  'keepalived',
  'ipvs-director',
  'nfs-storage',
  'ceph-osd',
  'minio',
  'cdn',
  'dns-resolver',
  'smtp-relay',
  'ci-runners',
  'artifact-registry',
  'feature-flags',
] as const;
const NAMESPACES = ['prod', 'payments', 'search', 'platform', 'data', 'edge', 'monitoring', 'kube-system'] as const;
const HOST_ROLES = ['web', 'db', 'lb', 'cache', 'worker', 'node', 'kafka', 'edge', 'dir', 'hv'] as const;
const DCS = ['fra1', 'ams2', 'par3', 'iad1', 'sfo2', 'sgp1', 'rbx8', 'gra4'] as const;
const UNITS = ['nginx', 'kubelet', 'containerd', 'postgresql', 'haproxy', 'keepalived', 'chronyd', 'systemd-networkd'] as const;
const TAGS = [
  'networking',
  'dns',
  'tls',
  'database',
  'storage',
  'kubernetes',
  'capacity',
  'config-change',
  'deploy',
  'latency',
  'memory',
  'cpu',
  'disk',
  'certificates',
  'bgp',
  'arp',
  'conntrack',
  'replication',
  'queueing',
  'cache',
  'load-balancer',
  'time-sync',
  'kernel',
  'third-party',
  'human-error',
  'security',
  'backup',
  'observability',
] as const;

const host = (r: Rng) => `${r.pick(HOST_ROLES)}${r.int(1, 60)}.${r.pick(DCS)}`;
const ip = (r: Rng) => `10.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`;
const domain = (r: Rng) =>
  `${r.pick(['api', 'www', 'static', 'auth', 'pay', 'img'])}.${r.pick(['example.com', 'shop.example.net', 'internal.corp'])}`;

// Symptom templates: what an operator sees. `$s` service, `$h` host, `$i` IP, `$d` domain, `$n` namespace, `$u` unit.
const SYMPTOMS = [
  '$s p99 latency above $ms ms',
  '$s returns 502 Bad Gateway for $pct% of requests',
  '$s returns 503 Service Unavailable',
  'connections pile up in FIN_WAIT2 on $h',
  'thousands of sockets stuck in CLOSE_WAIT on $h',
  'gateway $i on eth$e shows FAILED in ip neigh on $h',
  'ARP replies for the VIP $i come from the wrong director',
  'pods stuck in CrashLoopBackOff in namespace $n',
  'pods in $n cannot get an IP address after the node rebooted',
  'pods in $n OOMKilled repeatedly',
  'node $h NotReady, kubelet PLEG is not healthy',
  'DNS lookups for $d time out from pods in $n',
  'intermittent NXDOMAIN for $d',
  'TLS handshake fails: certificate for $d expired',
  'disk on $h at 100%, writes fail with No space left on device',
  'replication lag on $s above $sec seconds',
  'kafka consumer lag grows without bound on topic $s-events',
  'queue depth on $s keeps rising, workers idle',
  'CPU throttling on $s containers despite low usage',
  'load average on $h above $load with iowait',
  'memory usage on $h grows until the OOM killer fires',
  'clock skew of $sec seconds on $h, tokens rejected',
  'BGP session to $i flapping on $h',
  'packet loss of $pct% between $h and $i',
  'conntrack table full on $h, packets dropped',
  'ipvsadm shows no real servers behind $i',
  'health checks for $s fail but the process is running',
  'login requests fail with 401 after the $s deploy',
  'error rate on $s jumps right after a config push',
  'VMs on $h not pingable while the hypervisor answers',
  'requests to $s hang until the client times out',
  '$u keeps restarting on $h',
  'journal shows segfault in $u on $h',
  'too many open files in $s',
  'connection refused from $s to postgres on $i:5432',
  'connection pool exhausted in $s',
  'deadlocks reported by $s every few minutes',
  'cache hit ratio on $s drops to $pct%',
  'elevated 5xx on the CDN for $d',
  'emails from $s queue up on the SMTP relay',
] as const;

const COMMANDS = [
  'ip neigh show dev eth$e',
  'ip route show table main',
  'ss -tan state fin-wait-2 | wc -l',
  'ss -s',
  'ipvsadm -l -n',
  'cat /proc/sys/net/ipv4/conf/lo/arp_ignore',
  'sysctl net.netfilter.nf_conntrack_count',
  'kubectl get pods -n $n -o wide',
  'kubectl describe node $h',
  'kubectl logs -n $n deploy/$s --previous',
  'df -h /var/lib/$u',
  'du -sh /var/log/*',
  'journalctl -u $u --since "-1h"',
  'systemctl restart $u',
  'dig +short $d @$i',
  'openssl s_client -connect $d:443 -servername $d',
  'curl -sv https://$d/healthz',
  'mtr -rwc 50 $i',
  'tcpdump -ni eth$e host $i',
  'chronyc tracking',
  'free -m',
  'top -b -n 1 | head -20',
  'psql -c "select * from pg_stat_replication"',
  'redis-cli info replication',
  'kafka-consumer-groups --describe --group $s',
] as const;

const CAUSES = [
  ['Config change pushed to every node at once', 'The change skipped the canary stage.'],
  ['Certificate renewal job silently failing', 'Alerts only fired after expiry.'],
  ['Connection limit too low for peak traffic', "Capacity was planned on last year's peak."],
  ['Kernel upgrade changed a sysctl default', 'The new default dropped ARP replies on the loopback VIP.'],
  ['Retry storm from clients without backoff', 'Every client retried immediately and in lockstep.'],
  ['Disk filled by unrotated logs', 'Log rotation was disabled during a migration and never re-enabled.'],
  ['Stale DNS record after a failover', 'The TTL was a day long.'],
  ['Memory leak in a new release', 'The leak only showed under production traffic patterns.'],
  ['Noisy neighbour on a shared node', 'No CPU limits or requests were set.'],
  ['Upstream provider network incident', 'The provider status page did not list our rack.'],
  ['Race in the deployment pipeline', 'Two deploys overlapped and the older one won.'],
  ['Missing index after a schema migration', 'The query plan changed to a sequential scan.'],
] as const;

const TITLES = [
  '$s outage',
  '$s degraded',
  'Partial outage of $s',
  '$s unreachable from $dc',
  'Elevated errors on $s',
  'Slow responses from $s',
  '$s data delayed',
  'Intermittent failures in $s',
] as const;

function fill(r: Rng, template: string, service: string, ns: string): string {
  return template
    .replaceAll('$ms', String(r.int(2, 40) * 100))
    .replaceAll('$pct', String(r.int(2, 95)))
    .replaceAll('$sec', String(r.int(2, 600)))
    .replaceAll('$load', String(r.int(20, 400)))
    .replaceAll('$dc', r.pick(DCS))
    .replaceAll('$s', service)
    .replaceAll('$h', host(r))
    .replaceAll('$i', ip(r))
    .replaceAll('$d', domain(r))
    .replaceAll('$n', ns)
    .replaceAll('$u', r.pick(UNITS))
    .replaceAll('$e', String(r.int(0, 3)));
}

export interface SynthIncident {
  slug: string;
  title: string;
  summary: string;
  severity: 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4';
  startedAt: Date;
  resolvedAt: Date;
  impact: string;
  narrative: string;
  services: string[];
  tags: string[];
  symptoms: string[];
  timeline: { at: Date; kind: 'detection' | 'diagnosis' | 'action' | 'communication' | 'recovery' | 'evidence'; text: string }[];
  factors: { title: string; detail: string }[];
  steps: { text: string; command: string | null }[];
  actions: string[];
}

const YEAR_MS = 365.25 * 24 * 3600 * 1000;
/** Synthetic incidents spread over these years before the fixed epoch below. */
const SPAN_YEARS = 8;
const EPOCH = Date.UTC(2026, 0, 1);

export function synthIncident(seed: number, index: number): SynthIncident {
  const r = rng(seed * 1_000_003 + index);
  const service = r.skewed(SERVICES);
  const other = r.pick(SERVICES);
  const ns = r.pick(NAMESPACES);
  const symptomCount = r.int(2, 6);
  const symptoms = Array.from({ length: symptomCount }, (_, i) =>
    fill(r, i === 0 ? r.skewed(SYMPTOMS) : r.pick(SYMPTOMS), i % 2 ? other : service, ns),
  );
  const [causeTitle, causeDetail] = r.pick(CAUSES);
  const started = EPOCH - r.next() * SPAN_YEARS * YEAR_MS;
  const minutes = r.int(10, 600);
  const at = (fraction: number) => new Date(started + fraction * minutes * 60_000);
  const commands = Array.from({ length: r.int(1, 4) }, () => fill(r, r.pick(COMMANDS), service, ns));
  const severity = r.pick(['SEV1', 'SEV2', 'SEV2', 'SEV3', 'SEV3', 'SEV3', 'SEV4'] as const);
  return {
    slug: `synth-${seed}-${index}`,
    title: fill(r, r.pick(TITLES), service, ns),
    summary: `${symptoms[0]!.charAt(0).toUpperCase()}${symptoms[0]!.slice(1)}. ${causeTitle}; fixed after ${minutes} minutes.`,
    severity,
    startedAt: at(0),
    resolvedAt: at(1),
    impact: `${r.int(1, 100)}% of ${service} requests failed or were slow for ${minutes} minutes.`,
    narrative: `## What happened\n\n${symptoms.join('. ')}.\n\n## Why\n\n${causeTitle}. ${causeDetail}\n`,
    services: [...new Set([service, other])].slice(0, r.int(1, 2)),
    tags: [...new Set([r.skewed(TAGS), r.pick(TAGS), r.pick(TAGS)])].slice(0, r.int(1, 3)),
    symptoms,
    timeline: [
      { at: at(0), kind: 'detection', text: `Alert: ${symptoms[0]}` },
      { at: at(0.1), kind: 'communication', text: `Incident declared, ${severity}, status page updated.` },
      { at: at(0.3), kind: 'diagnosis', text: `Ran ${commands[0]} and found ${symptoms.at(-1)}.` },
      { at: at(0.6), kind: 'action', text: `Rolled back the last change to ${service} and restarted ${r.pick(UNITS)}.` },
      { at: at(1), kind: 'recovery', text: `${service} back to normal; error rate at baseline.` },
    ],
    factors: [
      { title: causeTitle, detail: causeDetail },
      ...(r.next() < 0.5
        ? [{ title: 'Alerting was late', detail: `The first alert fired ${r.int(5, 60)} minutes after impact began.` }]
        : []),
    ],
    steps: commands.map((command, i) => ({ text: i === 0 ? 'Confirm the symptom.' : 'Check the suspected cause.', command })),
    actions: [`Add an alert on ${symptoms[0]}`, `Review ${causeTitle.toLowerCase()}`].slice(0, r.int(1, 2)),
  };
}
