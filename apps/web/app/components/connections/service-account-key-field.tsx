import { useId } from 'react';
import { PemField } from './pem-field.tsx';

/**
 * A service account's JSON key (decision 062): chosen as the file Google Cloud downloaded, or pasted.
 * Write-only like every credential; the form that holds it posts as multipart/form-data.
 */
export function ServiceAccountKeyField({ error, label }: { error?: string; label: string }) {
  const id = useId();
  const message = error;
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-col gap-1.5">
        <label htmlFor={id} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        <input
          id={id}
          type="file"
          name="serviceAccountKeyFile"
          accept=".json,application/json"
          aria-invalid={message ? true : undefined}
          aria-describedby={`${id}-hint`}
          className="text-sm"
        />
        <p id={`${id}-hint`} className={message ? 'text-sm font-medium text-red-700' : 'text-sm text-slate-600'}>
          {message ?? 'The JSON key file of the service account. Stored encrypted; never shown again.'}
        </p>
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer text-slate-800">Paste the key instead</summary>
        <div className="mt-3">
          <PemField
            label="Service account key (JSON)"
            name="serviceAccountKey"
            rows={5}
            hint="Used only when no file is chosen."
          />
        </div>
      </details>
    </div>
  );
}
