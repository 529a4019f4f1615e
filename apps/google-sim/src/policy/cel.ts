/** A parsed `policies.list` filter: the CEL subset of spec C, terms joined by `&&`. */
export interface TPolicyFilter {
  customer?: string;
  settingType?: string;
  settingTypeMatches?: RegExp;
}

/** Splits on `&&` outside quotes. */
function terms(filter: string): string[] {
  const out: string[] = [];
  let quote: string | undefined;
  let cur = '';
  for (let i = 0; i < filter.length; i++) {
    const ch = filter[i]!;
    if (quote) {
      cur += ch;
      if (ch === '\\') cur += filter[++i] ?? '';
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      cur += ch;
    } else if (ch === '&' && filter[i + 1] === '&') {
      out.push(cur.trim());
      cur = '';
      i++;
    } else cur += ch;
  }
  if (quote) throw new Error('unterminated string');
  out.push(cur.trim());
  return out;
}

/** A CEL string literal's value (`\\` and `\'`/`\"` escapes). */
const literal = (s: string) => s.slice(1, -1).replace(/\\(.)/g, '$1');

const STR = `("(?:[^"\\\\]|\\\\.)*"|'(?:[^'\\\\]|\\\\.)*')`;
const EQ = (lhs: string) => new RegExp(`^${lhs}\\s*==\\s*${STR}$`);
const CUSTOMER = EQ('customer');
const TYPE = EQ('setting\\.type');
const MATCHES = new RegExp(`^setting\\.type\\.matches\\(\\s*${STR}\\s*\\)$`);

/**
 * `customer == "customers/…"`, `setting.type == "settings/…"` and
 * `setting.type.matches('<RE2>')`, joined by `&&`. Anything else throws (the API's 400).
 */
export function parsePolicyFilter(filter: string | null): TPolicyFilter {
  const out: TPolicyFilter = {};
  if (!filter?.trim()) return out;
  for (const t of terms(filter)) {
    let m = CUSTOMER.exec(t);
    if (m) {
      out.customer = literal(m[1]!);
      continue;
    }
    m = TYPE.exec(t);
    if (m) {
      out.settingType = literal(m[1]!);
      continue;
    }
    m = MATCHES.exec(t);
    if (m) {
      try {
        out.settingTypeMatches = new RegExp(literal(m[1]!));
      } catch {
        throw new Error(`invalid regular expression in ${t}`);
      }
      continue;
    }
    throw new Error(`unsupported filter term: ${t}`);
  }
  return out;
}
