import { formatDateInZone, formatDateTimeInZone, formatTimeInZone, formatUtc } from '@/lib/format/time';

type Props = {
  value: Date;
  /** IANA zone the incident is shown in. */
  timeZone: string;
  /** "datetime": 14 Oct 2020, 13:50 CDT; "date": 14 Oct 2020; "time": 13:50. */
  show?: 'datetime' | 'date' | 'time';
};

/** An instant on the incident's clock, with the UTC time on hover for cross-zone comparison. */
export function DateTime({ value, timeZone, show = 'datetime' }: Props) {
  const text =
    show === 'date'
      ? formatDateInZone(value, timeZone)
      : show === 'time'
        ? formatTimeInZone(value, timeZone)
        : formatDateTimeInZone(value, timeZone);
  return (
    <time dateTime={value.toISOString()} title={formatUtc(value)}>
      {text}
    </time>
  );
}
