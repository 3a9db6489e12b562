import { DateTime } from '@/components/ui/DateTime';
import { Fact } from '@/components/ui/Fact';
import { formatIncidentDuration, zoneAbbreviation } from '@/lib/format/time';
import type { IncidentDetail } from '@/lib/incidents/types';
import { DraftBadge, IncidentStatusBadge, RootCauseBadge, SeverityBadge } from './badges';

// Content validates source URLs, but this is the last place a javascript: URL
// could turn into a live link, so check again.
function safeExternalUrl(url: string | null): URL | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed : null;
  } catch {
    return null;
  }
}

export function IncidentHeader({ incident }: { incident: IncidentDetail }) {
  const tz = incident.timezone;
  const source = safeExternalUrl(incident.sourceUrl);
  const times = [
    { label: 'Started', value: incident.startedAt },
    { label: 'Detected', value: incident.detectedAt },
    { label: 'Mitigated', value: incident.mitigatedAt },
    { label: 'Resolved', value: incident.resolvedAt },
  ];
  return (
    <header>
      <div className="flex flex-wrap items-center gap-2">
        <SeverityBadge severity={incident.severity} />
        {incident.draft && <DraftBadge />}
        <IncidentStatusBadge status={incident.status} />
        <RootCauseBadge rootCause={incident.rootCause} />
      </div>
      <h1 className="mt-3 text-2xl font-bold tracking-tight text-balance sm:text-3xl">{incident.title}</h1>
      <p className="mt-3 max-w-3xl text-lg text-slate-700 dark:text-slate-300">{incident.summary}</p>
      <dl className="mt-6 grid grid-cols-1 gap-x-6 gap-y-4 rounded-lg border border-slate-200 p-4 sm:grid-cols-2 lg:grid-cols-3 dark:border-slate-800">
        {times.map(({ label, value }) =>
          value ? (
            <Fact key={label} label={label}>
              <DateTime value={value} timeZone={tz} />
            </Fact>
          ) : label === 'Resolved' ? (
            <Fact key={label} label={label}>
              Not yet resolved
            </Fact>
          ) : null,
        )}
        {/* Only a draft may lack a start time. */}
        {incident.startedAt ? (
          <Fact label="Duration">{formatIncidentDuration(incident.startedAt, incident.resolvedAt)}</Fact>
        ) : (
          <Fact label="Started">Not set yet</Fact>
        )}
        <Fact label="Time zone">
          {incident.timezone}
          {incident.startedAt && ` (${zoneAbbreviation(incident.startedAt, tz)})`}
        </Fact>
        {incident.author && <Fact label="Written by">{incident.author}</Fact>}
        {source && (
          <Fact label="Source">
            <a
              href={source.href}
              rel="noopener noreferrer nofollow"
              className="break-all text-blue-800 underline hover:no-underline dark:text-sky-300"
            >
              Original report ({source.hostname})
            </a>
          </Fact>
        )}
      </dl>
    </header>
  );
}
