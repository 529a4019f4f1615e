import type { JsonChange } from '../changes/json-diff.fns.ts';

/**
 * What the dashboard and alerts show of a stored body: the connector already replaced the write-only
 * secrets it knows with a marker, but a field it does not know yet (a new Okta attribute, a custom
 * app's setting) could still hold one. So every view passes bodies through here as a second line:
 * string values under secret-looking keys, the private parts of JWKs and anything shaped like a PEM
 * private key are masked. Stored bodies stay exactly as the API returned them (restores need that).
 */
export const MASK = '[secret hidden by Butterfly]';

/** The connector's marker (`[redacted by Butterfly: …]`): a secret existed and was never stored. */
export const isRedactionMarker = (v: unknown) => typeof v === 'string' && v.startsWith('[redacted by Butterfly');

const SECRET_KEY =
  /secret|password|passphrase|passwd|private_?key|api_?key|^token$|access_?token|refresh_?token|^answer$|^authorization$|signing_?key/i;
/** Keys whose `value` is the secret itself (hook auth headers, password credentials). */
const SECRET_PARENT = /auth_?scheme|password|secret|token|credential/i;
const JWK_PRIVATE = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']);
const PEM_PRIVATE = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function secretAt(
  key: string,
  parentKey: string | undefined,
  holder: Record<string, unknown> | undefined,
  value: unknown,
): boolean {
  if (typeof value !== 'string' || value === '' || isRedactionMarker(value)) return false;
  if (PEM_PRIVATE.test(value)) return true;
  if (SECRET_KEY.test(key)) return true;
  if (key === 'value' && parentKey && SECRET_PARENT.test(parentKey)) return true;
  return JWK_PRIVATE.has(key) && !!holder && typeof holder.kty === 'string';
}

/** A copy with secrets masked, and the JSON paths of every secret (masked here or by the connector). */
export function redactSecrets(body: unknown): { body: unknown; secrets: string[] } {
  const secrets: string[] = [];
  const walk = (
    v: unknown,
    path: string,
    key: string,
    parentKey: string | undefined,
    holder: Record<string, unknown> | undefined,
  ): unknown => {
    if (isRedactionMarker(v)) {
      secrets.push(path);
      return v;
    }
    if (secretAt(key, parentKey, holder, v)) {
      secrets.push(path);
      return MASK;
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${path}[${i}]`, key, parentKey, undefined));
    if (isObject(v)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, childPath(path, k), k, key, v);
      return out;
    }
    return v;
  };
  return { body: walk(body, '$', '', undefined, undefined), secrets };
}

const childPath = (path: string, k: string) =>
  /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`;

/** The last two keys of a JSON path from diffJson (`$.a.b[2].c` → ['b', 'c']), ignoring indexes. */
function lastKeys(path: string): [string | undefined, string] {
  const keys = [...path.matchAll(/\.([A-Za-z_$][\w$]*)|\["((?:[^"\\]|\\.)*)"\]/g)].map(
    (m) => m[1] ?? JSON.parse(`"${m[2]}"`),
  );
  return [keys.at(-2), keys.at(-1) ?? ''];
}

/** One leaf change of a diff, with secrets masked on both sides. */
export function redactChange(c: JsonChange): JsonChange {
  const [parentKey, key] = lastKeys(c.path);
  const side = (v: unknown) => (secretAt(key, parentKey, undefined, v) ? MASK : redactSecrets(v).body);
  return {
    ...c,
    ...('before' in c ? { before: side(c.before) } : {}),
    ...('after' in c ? { after: side(c.after) } : {}),
  };
}
