'use client';
import { useActionState } from 'react';
import { buttonClass, Field, FormMessage, secondaryButtonClass, failedFields } from '@/components/forms/Field';
import { createApiToken, revokeApiToken } from '@/lib/tokens/actions';
import { TOKEN_MAX_DAYS } from '@/lib/tokens/schema';

export function CreateTokenForm() {
  const [state, action, pending] = useActionState(createApiToken, null);
  const { errors, values } = failedFields(state);
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-3" aria-label="Create API token">
      <div className="sm:col-span-3">
        <FormMessage state={state} />
        {state?.ok && (
          <div
            role="status"
            className="space-y-1 rounded-md bg-green-50 px-3 py-2 text-sm text-green-900 dark:bg-green-950 dark:text-green-100"
          >
            <p>Token &quot;{state.name}&quot; created. Copy it now: it will not be shown again.</p>
            <code className="block font-mono break-all" aria-label="New API token">
              {state.token}
            </code>
          </div>
        )}
      </div>
      <Field
        name="name"
        label="Token name"
        required
        errors={errors?.name}
        placeholder="e.g. ci-search-script"
        defaultValue={values?.name}
      />
      <Field
        name="expiresInDays"
        label="Expires in (days)"
        type="number"
        min={1}
        max={TOKEN_MAX_DAYS}
        defaultValue={values?.expiresInDays ?? 90}
        errors={errors?.expiresInDays}
      />
      <div className="flex items-end">
        <button type="submit" className={buttonClass} disabled={pending}>
          Create token
        </button>
      </div>
    </form>
  );
}

export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const [state, action, pending] = useActionState(revokeApiToken, null);
  return (
    <form action={action}>
      <input type="hidden" name="tokenId" value={tokenId} />
      <button type="submit" className={secondaryButtonClass} disabled={pending}>
        Revoke {name}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
