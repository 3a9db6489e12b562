'use client';
import { useActionState } from 'react';
import { buttonClass, Field, FormOutcome, failedFields } from '@/components/forms/Field';
import { createHost } from '@/lib/hosts/actions';

export function CreateHostForm() {
  const [state, action, pending] = useActionState(createHost, null);
  const { errors, values } = failedFields(state);
  return (
    <form action={action} className="grid gap-4 sm:grid-cols-2" aria-label="Register host">
      <div className="sm:col-span-2">
        <FormOutcome
          state={state}
          as="p"
          done={() => 'Host registered. Its secret is stored sealed and will not be shown again.'}
        />
      </div>
      <Field name="name" label="Name" required errors={errors?.name} defaultValue={values?.name} placeholder="director-1" />
      <Field
        name="role"
        label="Role"
        required
        errors={errors?.role}
        defaultValue={values?.role}
        placeholder="director"
        hint="Launches can target every host of a role."
      />
      <Field
        name="agentUrl"
        label="Agent URL"
        required
        errors={errors?.agentUrl}
        defaultValue={values?.agentUrl}
        placeholder="http://10.131.153.72:7070"
      />
      <Field
        name="labels"
        label="Labels (optional)"
        errors={errors?.labels}
        defaultValue={values?.labels}
        placeholder="site=par1,tier=edge"
        hint="Launches can target every host with some labels."
      />
      <Field
        name="secret"
        label="Agent secret"
        type="password"
        autoComplete="off"
        required
        errors={errors?.secret}
        hint="The same secret as in the agent's config (32+ characters)."
      />
      <div className="sm:col-span-2">
        <button type="submit" className={buttonClass} disabled={pending}>
          Register host
        </button>
      </div>
    </form>
  );
}
