import { Markdown } from '@/components/markdown/Markdown';
import type { CheckEmbedContext } from '@/lib/checks/queries';
import type { RenderedMarkdown } from '@/lib/markdown/render';
import { CheckBlock } from './CheckBlock';

/** Rendered markdown with its `check` fences as live check blocks. */
export function MarkdownWithChecks({
  rendered,
  context,
  runbookId,
  incidentId,
}: {
  rendered: RenderedMarkdown;
  context: CheckEmbedContext;
  runbookId?: string;
  incidentId?: string;
}) {
  return (
    <>
      {rendered.segments.map((segment, i) => {
        if (segment.kind === 'html') return <Markdown key={i} html={segment.html} />;
        const check = context.checks[segment.fence.slug];
        if (!check) {
          return (
            <p key={i} className="my-4 text-sm text-amber-800 dark:text-amber-200">
              This runbook refers to a check ({segment.fence.slug}) that is not in the catalog.
            </p>
          );
        }
        return (
          <CheckBlock
            key={i}
            check={check}
            hosts={context.hosts}
            canRun={context.canRun}
            defaults={segment.fence.defaults}
            runbookId={runbookId}
            incidentId={incidentId}
          />
        );
      })}
    </>
  );
}
