// One operation of the OpenAPI document, readable: method and path, who may
// call it, its parameters, its body and its answers. Server-rendered; the
// schemas are shown as JSON in <details>, with no script.
type Schema = Record<string, unknown>;
export type DocParameter = { name: string; in: string; required: boolean; description?: string; schema: Schema };
export type DocOperation = {
  operationId: string;
  summary: string;
  description?: string;
  parameters: DocParameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
};

const METHOD_TONE: Record<string, string> = {
  get: 'bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100',
  post: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100',
  put: 'bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100',
  patch: 'bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100',
  delete: 'bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100',
};

function typeOf(schema: Schema): string {
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).map(String).join(' | ');
  const type = schema.type ?? (schema.$ref ? String(schema.$ref).split('/').at(-1) : 'any');
  return String(type);
}

function SchemaBlock({ label, schema }: { label: string; schema: Schema }) {
  return (
    <details className="mt-2">
      <summary className="cursor-pointer text-sm text-blue-800 dark:text-sky-300">{label}</summary>
      <pre className="mt-1 max-h-96 overflow-auto rounded bg-slate-100 p-3 text-xs dark:bg-slate-900">
        {JSON.stringify(schema, null, 2)}
      </pre>
    </details>
  );
}

export function ApiOperation({ method, path, op }: { method: string; path: string; op: DocOperation }) {
  const body = op.requestBody?.content['application/json']?.schema;
  return (
    <section id={op.operationId} className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <h3 className="flex flex-wrap items-center gap-2 font-mono text-sm">
        <span className={`rounded px-2 py-0.5 font-bold uppercase ${METHOD_TONE[method] ?? ''}`}>{method}</span>
        <span className="font-semibold">{path}</span>
      </h3>
      <p className="mt-2 font-semibold">{op.summary}</p>
      {op.description?.split('\n\n').map((paragraph) => (
        <p key={paragraph} className="mt-1 text-sm text-slate-700 dark:text-slate-300">
          {paragraph}
        </p>
      ))}
      {op.parameters.length > 0 && (
        <table className="mt-3 w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-800">
              <th className="py-1 pr-3">Parameter</th>
              <th className="py-1 pr-3">In</th>
              <th className="py-1 pr-3">Type</th>
              <th className="py-1">Description</th>
            </tr>
          </thead>
          <tbody>
            {op.parameters.map((p) => (
              <tr key={`${p.in}-${p.name}`} className="border-b border-slate-100 align-top dark:border-slate-900">
                <td className="py-1 pr-3 font-mono">
                  {p.name}
                  {p.required && <span title="required"> *</span>}
                </td>
                <td className="py-1 pr-3">{p.in}</td>
                <td className="py-1 pr-3 font-mono text-xs">{typeOf(p.schema)}</td>
                <td className="py-1">{p.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {body && <SchemaBlock label="Request body (application/json)" schema={body} />}
      <ul className="mt-3 space-y-1 text-sm">
        {Object.entries(op.responses).map(([status, answer]) => (
          <li key={status}>
            <span className="font-mono font-semibold">{status}</span> {answer.description}
            {answer.content?.['application/json'] && status.startsWith('2') && (
              <SchemaBlock label="Answer schema" schema={answer.content['application/json'].schema} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
