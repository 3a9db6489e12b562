import Link from 'next/link';
import { signOut } from '@/lib/auth/actions';
import { hasRole } from '@/lib/auth/roles';
import { getViewer } from '@/lib/auth/session';
import { SignOutButton } from './SignOutButton';

export async function UserMenu() {
  const viewer = await getViewer();
  if (!viewer) {
    return (
      <Link href="/sign-in" className="text-sm font-medium text-blue-800 hover:underline dark:text-sky-300">
        Sign in
      </Link>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      <Link href="/account" className="text-slate-800 hover:underline dark:text-slate-200">
        {viewer.name} <span className="text-slate-500 dark:text-slate-400">({viewer.role})</span>
      </Link>
      {hasRole(viewer.role, 'admin') && (
        <Link href="/admin/users" className="text-blue-800 hover:underline dark:text-sky-300">
          Admin
        </Link>
      )}
      <SignOutButton action={signOut} />
    </div>
  );
}
