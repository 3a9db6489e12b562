import Link from 'next/link';

export function AdminNav({ current }: { current: 'users' | 'hosts' | 'synonyms' | 'factor-categories' | 'webhooks' | 'audit' }) {
  const link = (href: string, key: typeof current, label: string) => (
    <Link
      href={href}
      aria-current={current === key ? 'page' : undefined}
      className="rounded-md px-3 py-1.5 text-sm font-medium hover:bg-slate-100 aria-[current=page]:bg-slate-200 dark:hover:bg-slate-800 dark:aria-[current=page]:bg-slate-800"
    >
      {label}
    </Link>
  );
  return (
    <nav aria-label="Admin" className="flex gap-1">
      {link('/admin/users', 'users', 'Users')}
      {link('/admin/hosts', 'hosts', 'Hosts')}
      {link('/admin/synonyms', 'synonyms', 'Synonyms')}
      {link('/admin/factor-categories', 'factor-categories', 'Factor categories')}
      {link('/admin/webhooks', 'webhooks', 'Webhooks')}
      {link('/admin/audit', 'audit', 'Audit trail')}
    </nav>
  );
}
