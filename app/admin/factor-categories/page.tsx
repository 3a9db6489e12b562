import { AdminNav } from '@/components/admin/AdminNav';
import { AdminSection } from '@/components/admin/AdminSection';
import { CreateFactorCategoryForm, FactorCategoryRow } from '@/components/admin/FactorCategoryForms';
import { requirePageRole } from '@/lib/auth/session';
import { listFactorCategories } from '@/lib/factors/queries';

export const metadata = { title: 'Factor categories' };

export default async function AdminFactorCategoriesPage() {
  await requirePageRole('admin', '/admin/factor-categories');
  const categories = await listFactorCategories();
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold tracking-tight">Factor categories</h1>
        <AdminNav current="factor-categories" />
      </div>
      <p className="max-w-3xl text-slate-700 dark:text-slate-300">
        The shared vocabulary for contributing factors and incident triggers, counted on the insights page. The defaults come from
        content/factor-categories.yaml; once you edit the list here, that file no longer changes it. Every change is recorded in
        the audit trail.
      </p>
      <AdminSection id="add-category" title="Add a category" boxed>
        <CreateFactorCategoryForm />
      </AdminSection>
      <AdminSection id="all-categories" title={<>All categories ({categories.length})</>}>
        <ul className="divide-y divide-slate-200 dark:divide-slate-800">
          {categories.map((c) => (
            // The label in the key: after a save the row starts again from the stored value.
            <li key={`${c.slug}:${c.label}:${c.position}`} className="py-3">
              <FactorCategoryRow category={c} />
            </li>
          ))}
        </ul>
      </AdminSection>
    </div>
  );
}
