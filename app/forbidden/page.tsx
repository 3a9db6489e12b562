import Link from 'next/link';

export const metadata = { title: 'Not allowed' };

export default function ForbiddenPage() {
  return (
    <div className="mx-auto max-w-lg space-y-4 py-12 text-center">
      <h1 className="text-3xl font-bold">You don&apos;t have access to this page</h1>
      <p className="text-slate-700 dark:text-slate-300">
        Your account&apos;s role does not allow it. An admin can change your role.
      </p>
      <p>
        <Link href="/" className="text-blue-800 underline dark:text-sky-300">
          Go to the home page
        </Link>
      </p>
    </div>
  );
}
