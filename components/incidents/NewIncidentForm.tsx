'use client';
import { useActionState } from 'react';
import { buttonClass, Field, FormMessage, inputClass, failedFields } from '@/components/forms/Field';
import { Severity } from '@/lib/generated/prisma/enums';
import { createDraftIncident } from '@/lib/incidents/actions';

export function NewIncidentForm() {
  const [state, action, pending] = useActionState(createDraftIncident, null);
  const { errors, values } = failedFields(state);
  return (
    <form action={action} className="space-y-4" aria-label="New postmortem">
      <FormMessage state={state} />
      <Field name="title" label="Title" required errors={errors?.title} defaultValue={values?.title} />
      <Field name="severity" label="Severity" errors={errors?.severity}>
        <select id="field-severity" name="severity" key={values?.severity} defaultValue={values?.severity ?? 'SEV3'} className={inputClass}>
          {Object.values(Severity).map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </Field>
      <Field name="summary" label="Summary" errors={errors?.summary}>
        <textarea id="field-summary" name="summary" rows={3} className={inputClass} defaultValue={values?.summary} />
      </Field>
      <button type="submit" className={buttonClass} disabled={pending}>
        Create draft
      </button>
    </form>
  );
}
