import { CheckBlock } from '@/components/checks/CheckBlock';
import { Markdown } from '@/components/markdown/Markdown';
import { CopyButton } from '@/components/ui/CopyButton';
import type { CheckEmbedContext } from '@/lib/checks/queries';
import type { IncidentDetail } from '@/lib/incidents/types';
import type { SanitizedHtml } from '@/lib/markdown/render';

function CommandBlock({ command, html }: { command: string; html: SanitizedHtml }) {
  // `html` is the command as a ```bash fence, rendered when the incident was
  // written (lib/markdown/stored.ts), with the same highlighting as narratives.
  return (
    <div className="relative mt-2">
      {/* Right padding keeps long commands from running under the button. */}
      <Markdown html={html} className="[&_pre]:pr-24" />
      <div className="absolute top-2 right-2">
        <CopyButton text={command} />
      </div>
    </div>
  );
}

/** What fixed it, in order, with each command ready to copy. */
export function ResolutionSteps({
  steps,
  commands,
  checks,
  incidentId,
}: {
  steps: IncidentDetail['steps'];
  /** Each step's command as stored HTML, by position. */
  commands: IncidentDetail['rendered']['commands'];
  /** Linked catalog checks become runnable blocks; runs are kept on this incident. */
  checks?: CheckEmbedContext;
  incidentId?: string;
}) {
  return (
    <ol className="space-y-5">
      {steps.map((step, i) => (
        <li key={step.id} className="flex gap-3">
          <span
            aria-hidden="true"
            className="mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full bg-slate-800 text-xs font-semibold text-white dark:bg-slate-200 dark:text-slate-900"
          >
            {i + 1}
          </span>
          <div className="min-w-0 flex-1">
            <p className="text-slate-800 dark:text-slate-200">{step.text}</p>
            {step.command && commands[i] && <CommandBlock command={step.command} html={commands[i]} />}
            {step.checkSlug && checks?.checks[step.checkSlug] && (
              <CheckBlock
                check={checks.checks[step.checkSlug]!}
                hosts={checks.hosts}
                canRun={checks.canRun}
                incidentId={incidentId}
              />
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
