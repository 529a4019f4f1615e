const selectCls = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';

type Props = {
  label: string;
  name: string;
  /** The filter's current value, chosen to begin with. */
  value: string;
  /** The label of a first option (value "") that filters nothing; none where the filter always applies. */
  any?: string;
  options: readonly (readonly [value: string, label: string])[];
};

/** One filter of a GET form: a select inside its label. */
export function FilterSelect({ label, name, value, any, options }: Props) {
  return (
    <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
      {label}
      <select name={name} defaultValue={value} className={selectCls}>
        {any !== undefined && <option value="">{any}</option>}
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
