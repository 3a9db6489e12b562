/** How many service names a list row shows before "+N more": rows stay one or two lines. */
const SERVICES_SHOWN = 3;

/** Services as plain text: a list row with a dozen links would be a dozen extra tab stops. */
export function ServiceSummary({ services }: { services: string[] }) {
  const shown = services.slice(0, SERVICES_SHOWN);
  const more = services.length - shown.length;
  return (
    <span className="text-slate-600 dark:text-slate-400">
      {shown.join(', ')}
      {more > 0 && <span title={services.slice(SERVICES_SHOWN).join(', ')}>{` +${more} more`}</span>}
    </span>
  );
}
