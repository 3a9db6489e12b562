import { ChangePasswordForm } from '@/components/account/ChangePasswordForm';
import { CreateTokenForm, RevokeTokenButton } from '@/components/account/TokenForms';
import { ROLE_DESCRIPTIONS } from '@/lib/auth/roles';
import { requirePageRole } from '@/lib/auth/session';
import { listTokens } from '@/lib/tokens/queries';

export const metadata = { title: 'Your account' };

const dateFmt = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

export default async function AccountPage() {
  const viewer = (await requirePageRole('viewer', '/account'))!;
  const tokens = await listTokens(viewer.id);
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">Your account</h1>
        <p className="mt-2 text-slate-700 dark:text-slate-300">
          {viewer.name} ({viewer.email}). Your role is <strong>{viewer.role}</strong>: {ROLE_DESCRIPTIONS[viewer.role]}.
        </p>
      </div>
      <section aria-labelledby="password" className="space-y-4">
        <h2 id="password" className="text-xl font-semibold">
          Password
        </h2>
        {viewer.mustChangePassword && (
          <p
            role="alert"
            className="rounded border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100"
          >
            You signed in with a one-time password. Choose your own password now: until then every other page and action is closed
            to you.
          </p>
        )}
        <ChangePasswordForm />
      </section>
      <section aria-labelledby="tokens" className="space-y-4">
        <h2 id="tokens" className="text-xl font-semibold">
          Personal API tokens
        </h2>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Send one as <code>Authorization: Bearer pmkb_…</code> to the JSON routes (for example <code>/api/search</code>). A token
          acts with your role.
        </p>
        <CreateTokenForm />
        {tokens.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">You have no tokens.</p>
        ) : (
          <ul className="divide-y divide-slate-200 dark:divide-slate-800">
            {tokens.map((t) => (
              <li key={t.id} className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm">
                <div>
                  <p className="font-medium">
                    {t.name} <code className="text-slate-600 dark:text-slate-400">{t.prefix}…</code>
                  </p>
                  <p className="text-xs text-slate-600 dark:text-slate-400">
                    created {dateFmt.format(t.createdAt)} · last used {t.lastUsedAt ? dateFmt.format(t.lastUsedAt) : 'never'} ·{' '}
                    {t.revokedAt
                      ? `revoked ${dateFmt.format(t.revokedAt)}`
                      : t.expiresAt
                        ? `expires ${dateFmt.format(t.expiresAt)}`
                        : 'no expiry'}
                  </p>
                </div>
                {!t.revokedAt && <RevokeTokenButton tokenId={t.id} name={t.name} />}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
