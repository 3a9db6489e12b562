// /api/docs: the JSON API reference, rendered on the server from the same
// OpenAPI document as /api/v1/openapi.json (no external script: the CSP is nonce-based).
import type { Metadata } from 'next';
import { ApiOperation, type DocOperation } from '@/components/api/ApiOperation';
import { openApiDocument } from '@/lib/api/openapi';

export const metadata: Metadata = { title: 'API reference' };

type Doc = {
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, DocOperation & { tags: string[] }>>;
  components: { schemas: Record<string, unknown> };
};

export default function ApiDocsPage() {
  const doc = openApiDocument() as unknown as Doc;
  const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ path, method, op })),
  );
  const tags = [...new Set(operations.map(({ op }) => op.tags[0] ?? 'Other'))];
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-3xl font-bold tracking-tight">
          {doc.info.title} <span className="text-lg font-normal text-slate-600 dark:text-slate-400">v{doc.info.version}</span>
        </h1>
        <p className="mt-2 max-w-3xl text-slate-700 dark:text-slate-300">{doc.info.description}</p>
        <p className="mt-2 text-sm">
          Machine-readable:{' '}
          <a href="/api/v1/openapi.json" className="font-mono text-blue-800 underline dark:text-sky-300">
            /api/v1/openapi.json
          </a>{' '}
          (OpenAPI 3.1). Example:{' '}
          <code className="font-mono text-xs">
            curl -H &quot;Authorization: Bearer $TOKEN&quot; localhost:3000/api/v1/incidents?limit=5
          </code>
        </p>
        <nav aria-label="Operations" className="mt-4">
          <ul className="grid gap-1 text-sm sm:grid-cols-2">
            {operations.map(({ path, method, op }) => (
              <li key={op.operationId}>
                <a href={`#${op.operationId}`} className="font-mono text-blue-800 hover:underline dark:text-sky-300">
                  {method.toUpperCase()} {path}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      {tags.map((tag) => (
        <section key={tag} aria-labelledby={`tag-${tag}`} className="space-y-4">
          <h2 id={`tag-${tag}`} className="text-2xl font-semibold">
            {tag}
          </h2>
          {operations
            .filter(({ op }) => (op.tags[0] ?? 'Other') === tag)
            .map(({ path, method, op }) => (
              <ApiOperation key={op.operationId} method={method} path={path} op={op} />
            ))}
        </section>
      ))}
      <section aria-labelledby="schemas" className="space-y-2">
        <h2 id="schemas" className="text-2xl font-semibold">
          Shared schemas
        </h2>
        {Object.entries(doc.components.schemas).map(([name, schema]) => (
          <details key={name} id={`schema-${name}`}>
            <summary className="cursor-pointer font-mono">{name}</summary>
            <pre className="mt-1 max-h-96 overflow-auto rounded bg-slate-100 p-3 text-xs dark:bg-slate-900">
              {JSON.stringify(schema, null, 2)}
            </pre>
          </details>
        ))}
      </section>
    </div>
  );
}
