type Props = {
  /** For screen readers: whose paths these are. */
  caption: string;
  /** The headings of the two value columns, e.g. Before and After. */
  columns: [before: string, after: string];
  changes: readonly { path: string; before?: unknown; after?: unknown }[];
  /** Each value is shown as JSON cut to this many characters. */
  clip: number;
};

const show = (v: unknown, clip: number) => (v === undefined ? '—' : JSON.stringify(v)).slice(0, clip);

/** The JSON paths of one object that differ, each value before (red) → after (green). */
export function PathChangesTable({ caption, columns, changes, clip }: Props) {
  return (
    <table className="w-full border-collapse text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-200">
          {['Path', ...columns].map((heading) => (
            <th key={heading} scope="col" className="px-2 py-1 font-medium text-slate-600">
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.path} className="border-b border-slate-100 align-top">
            <td className="px-2 py-1 font-mono text-xs break-all">{c.path}</td>
            <td className="px-2 py-1 font-mono text-xs break-all text-red-800">{show(c.before, clip)}</td>
            <td className="px-2 py-1 font-mono text-xs break-all text-green-800">{show(c.after, clip)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
