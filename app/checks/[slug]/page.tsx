import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CheckBlock } from '@/components/checks/CheckBlock';
import { RunHistory } from '@/components/checks/RunHistory';
import { Markdown } from '@/components/markdown/Markdown';
import { Pagination } from '@/components/ui/Pagination';
import { Section } from '@/components/ui/Section';
import { hasRole } from '@/lib/auth/roles';
import { requirePageRole } from '@/lib/auth/session';
import { pageParam } from '@/lib/checks/page-param';
import { checkDescriptionHtml, getCheckEmbedContext, listRuns } from '@/lib/checks/queries';
import { isSlug } from '@/lib/format/slug';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  return { title: `Check ${slug}` };
}

export default async function CheckPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const viewer = await requirePageRole('reader', `/checks/${slug}`);
  const context = isSlug(slug) ? await getCheckEmbedContext([slug]) : null;
  const check = context?.checks[slug];
  if (!context || !check) notFound();
  const page = pageParam((await searchParams).page);
  const [description, history] = await Promise.all([
    checkDescriptionHtml(slug, check.description),
    listRuns({ checkSlug: slug }, hasRole(viewer?.role, 'author'), page),
  ]);
  return (
    <article className="space-y-6">
      <p className="text-sm">
        <Link href="/checks" className="text-blue-800 underline hover:no-underline dark:text-sky-300">
          <span aria-hidden="true">← </span>All checks
        </Link>
      </p>
      <h1 className="text-3xl font-bold tracking-tight">{check.title}</h1>
      {check.description && <Markdown html={description} />}
      <CheckBlock check={check} hosts={context.hosts} canRun={context.canRun} />
      <Section id="section-runs" title={`Runs (${history.total})`}>
        <RunHistory runs={history.runs} hide={['check']} />
        <Pagination page={page} pageCount={history.pageCount} href={(p) => `/checks/${slug}?page=${p}`} />
      </Section>
    </article>
  );
}
