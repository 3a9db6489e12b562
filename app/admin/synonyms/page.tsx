import { AdminNav } from '@/components/admin/AdminNav';
import { AdminSection } from '@/components/admin/AdminSection';
import { CreateSynonymGroupForm, SynonymGroupRow } from '@/components/admin/SynonymForms';
import { requirePageRole } from '@/lib/auth/session';
import { listSynonymGroups } from '@/lib/synonyms/queries';

export const metadata = { title: 'Search synonyms' };

export default async function AdminSynonymsPage() {
  await requirePageRole('admin', '/admin/synonyms');
  const groups = await listSynonymGroups();
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold tracking-tight">Search synonyms</h1>
        <AdminNav current="synonyms" />
      </div>
      <p className="max-w-3xl text-slate-700 dark:text-slate-300">
        A search for any term of a group also finds documents with the other terms, ranked a little below documents with the words
        typed, and the results say &ldquo;Also searched: &hellip;&rdquo;. List only true synonyms: &ldquo;oom&rdquo; and
        &ldquo;out of memory&rdquo;, not &ldquo;latency&rdquo; and &ldquo;slow&rdquo;. A term belongs to one group. Every change
        is recorded in the audit trail.
      </p>
      <AdminSection id="add-group" title="Add a group" boxed>
        <CreateSynonymGroupForm />
      </AdminSection>
      <AdminSection id="all-groups" title={<>All groups ({groups.length})</>}>
        {groups.length === 0 && (
          <p className="text-slate-600 dark:text-slate-400">No synonyms: searches use the words as typed.</p>
        )}
        <ul className="divide-y divide-slate-200 dark:divide-slate-800">
          {groups.map((g) => (
            // The version in the key: after a save the row starts again from the stored terms.
            <li key={`${g.id}:${g.version}`} className="py-3">
              <SynonymGroupRow group={g} />
            </li>
          ))}
        </ul>
      </AdminSection>
    </div>
  );
}
