import { AdminNav } from '@/components/admin/AdminNav';
import { AdminSection } from '@/components/admin/AdminSection';
import { CreateUserForm } from '@/components/admin/CreateUserForm';
import { UserRowActions } from '@/components/admin/UserRowActions';
import { requirePageRole } from '@/lib/auth/session';
import { listUsers } from '@/lib/users/queries';

export const metadata = { title: 'Users' };

const dateFmt = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export default async function AdminUsersPage() {
  await requirePageRole('admin', '/admin/users');
  const users = await listUsers();
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold tracking-tight">Users</h1>
        <AdminNav current="users" />
      </div>
      <AdminSection id="create-user" title="Create a user" boxed>
        <CreateUserForm />
      </AdminSection>
      <AdminSection id="all-users" title={<>All users ({users.length})</>}>
        <ul className="divide-y divide-slate-200 dark:divide-slate-800">
          {users.map((u) => (
            <li key={u.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div>
                <p className="font-medium">
                  {u.name} <span className="text-slate-600 dark:text-slate-400">&lt;{u.email}&gt;</span>
                  {u.disabled && <span className="ml-2 rounded bg-slate-200 px-1.5 text-xs dark:bg-slate-800">disabled</span>}
                </p>
                <p className="text-xs text-slate-600 dark:text-slate-400">
                  {u.role} · created {dateFmt.format(u.createdAt)} UTC · last sign-in{' '}
                  {u.lastSignInAt ? `${dateFmt.format(u.lastSignInAt)} UTC` : 'never'}
                </p>
              </div>
              <UserRowActions userId={u.id} email={u.email} role={u.role} disabled={u.disabled} />
            </li>
          ))}
        </ul>
      </AdminSection>
    </div>
  );
}
