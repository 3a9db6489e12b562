// The list of problems above the form, each linking to its field; focused after a failed submit.
import { FORM_FIELD_LABELS } from '@/lib/incidents/compare';
import { fieldId, type Errors } from './fields';

/** Problems listed at most; the rest are still shown at their fields. */
const ERRORS_LISTED_MAX = 20;

/** "timeline.1.text" -> "Timeline 2 text". */
function readable(path: string): string {
  const [field, index, sub] = path.split('.');
  const base = FORM_FIELD_LABELS[field as keyof typeof FORM_FIELD_LABELS] ?? field;
  return [base, index !== undefined && /^\d+$/.test(index) ? String(Number(index) + 1) : index, sub].filter(Boolean).join(' ');
}

export function ErrorSummary({ message, errors }: { message: string; errors?: Errors }) {
  const list = errors ? Object.entries(errors).filter(([, m]) => m?.length) : [];
  return (
    <div
      id="form-errors"
      tabIndex={-1}
      role="alert"
      className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
    >
      <p className="font-medium">{message}</p>
      {list.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {list.slice(0, ERRORS_LISTED_MAX).map(([path, m]) => (
            <li key={path}>
              <a href={`#${fieldId(path)}`} className="underline">
                {readable(path)}
              </a>
              : {m!.join(' ')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
