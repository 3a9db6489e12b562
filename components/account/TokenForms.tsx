'use client';
import { useActionState } from 'react';
import { buttonClass, Field, FormMessage, FormOutcome, secondaryButtonClass, failedFields } from '@/components/forms/Field';
import { createApiToken, revokeApiToken } from '@/lib/tokens/actions';
import { TOKEN_MAX_DAYS } from '@/lib/tokens/schema';

export function CreateTokenForm() {
  const [state, action, pending] = useActionState(createApiToken, null);
  const { errors, values } = failedFields(state);
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-3" aria-label="Create API token">
      <div className="sm:col-span-3">
        <FormOutcome
          state={state}
          className="space-y-1"
          done={(created) => (
            <>
              <p>Token &quot;{created.name}&quot; created. Copy it now: it will not be shown again.</p>
              <code className="block font-mono break-all" aria-label="New API token">
                {created.token}
              </code>
            </>
          )}
        />
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
