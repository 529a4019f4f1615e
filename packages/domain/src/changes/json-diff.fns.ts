/** How one object changed between two versions: pure functions, below snapshots/ and diff/ (which use them). */
export interface JsonChange {
  /** JSONPath of the changed value, e.g. `$.settings.password.lockout.maxAttempts` or `$.include[2]`. */
  path: string;
  before?: unknown;
  after?: unknown;
  kind: 'added' | 'removed' | 'changed';
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const key = (path: string, k: string) =>
  /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`;

/**
 * The leaf-level changes between two JSON values, in a stable order (object keys sorted, array
 * indexes ascending). Arrays are compared by position: Okta returns them in a stable order, and a
 * moved element is a real change of meaning for ordered settings (rule priorities, factor lists).
 */
export function diffJson(before: unknown, after: unknown, path = '$', out: JsonChange[] = []): JsonChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const k of keys) {
      if (!(k in after)) out.push({ path: key(path, k), before: before[k], kind: 'removed' });
      else if (!(k in before)) out.push({ path: key(path, k), after: after[k], kind: 'added' });
      else diffJson(before[k], after[k], key(path, k), out);
    }
    return out;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const n = Math.max(before.length, after.length);
    for (let i = 0; i < n; i++) {
      if (i >= after.length) out.push({ path: `${path}[${i}]`, before: before[i], kind: 'removed' });
      else if (i >= before.length) out.push({ path: `${path}[${i}]`, after: after[i], kind: 'added' });
      else diffJson(before[i], after[i], `${path}[${i}]`, out);
    }
    return out;
  }
  if (!Object.is(before, after)) out.push({ path, before, after, kind: 'changed' });
  return out;
}
