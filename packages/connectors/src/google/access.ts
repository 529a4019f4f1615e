import type { IdpAccessReport } from '@butterfly/domain/idp';
import { GOOGLE_AUDIT_SCOPE } from './audit-events.ts';
import type { GoogleTokenSource } from './auth/token.ts';
import { googleTypesLeftOut } from './catalog.fns.ts';
import { READ_SCOPES } from './catalog.ts';
import { GoogleOutboundRefusedError } from './errors.ts';

/**
 * "Test connection" for Google: domain-wide delegation is granted per scope and a token request is
 * all or nothing, so ask the token endpoint once per read scope. A scope refused with
 * `unauthorized_client` is missing (and says which types it leaves out; the Admin audit log's scope
 * is optional: without it only change attribution is left out); any other refusal (the key,
 * the admin) means no connection at all. No API read is spent on it.
 */
export async function testGoogleAccess(token: GoogleTokenSource, signal?: AbortSignal): Promise<IdpAccessReport> {
  const granted: string[] = [];
  const missing: IdpAccessReport['missing'] = [];
  const optionalMissing: IdpAccessReport['missing'] = [];
  try {
    for (const scope of [...READ_SCOPES, GOOGLE_AUDIT_SCOPE]) {
      const r = await token.exchange([scope], signal);
      if (r.ok) granted.push(scope);
      else if (r.code === 'DELEGATION_MISSING' && scope === GOOGLE_AUDIT_SCOPE)
        optionalMissing.push({ scope, leavesOut: ['who made each change (Admin audit log)'] });
      else if (r.code === 'DELEGATION_MISSING') missing.push({ scope, leavesOut: googleTypesLeftOut(scope) });
      else return { ok: false, connected: false, missing: [], detail: `${r.code}: ${r.detail}` };
    }
  } catch (e) {
    return {
      ok: false,
      connected: false,
      missing: [],
      detail: (e as Error).message,
      ...(e instanceof GoogleOutboundRefusedError ? { code: e.code } : {}),
    };
  }
  return {
    ok: missing.length === 0,
    connected: granted.length > 0,
    granted,
    missing,
    ...(optionalMissing.length ? { optionalMissing } : {}),
    ...(granted.length === 0
      ? { detail: 'Domain-wide delegation grants none of the read scopes to this service account yet' }
      : {}),
  };
}
