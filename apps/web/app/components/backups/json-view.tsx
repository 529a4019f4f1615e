/**
 * Pretty-printed JSON in a scrollable region that keyboard users can reach (tabIndex) and screen
 * readers can name (aria-label). Bodies arrive with secrets already masked by the API.
 */
export function JsonView({ value, label }: { value: unknown; label: string }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section tabIndex={0} aria-label={label} className="max-h-[32rem] overflow-auto rounded-md bg-slate-900 p-4">
      <pre className="font-mono text-xs leading-relaxed text-slate-100">{JSON.stringify(value, null, 2)}</pre>
    </section>
  );
}
