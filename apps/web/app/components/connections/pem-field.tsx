import { useId } from 'react';

/**
 * A write-only PEM (or JWK) textarea: a key or a certificate pasted once, never autofilled or shown
 * back. The hint shows the field's error when there is one.
 */
export function PemField({
  label,
  name,
  hint,
  error,
  required = false,
  rows = 6,
}: {
  label: string;
  name: string;
  hint: string;
  error?: string;
  required?: boolean;
  rows?: number;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        required={required}
        rows={rows}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint`}
        className="rounded-md border border-slate-300 px-3 py-2 font-mono text-xs focus-visible:outline-2 focus-visible:outline-indigo-600"
      />
      <p id={`${id}-hint`} className="text-sm text-slate-600">
        {error ?? hint}
      </p>
    </div>
  );
}
