import { X509Certificate } from 'node:crypto';
import { at, ev, evValue, fail, manual, markFailing, named, pass, str } from '../compliance.fns.ts';
import { collect, isActive } from '../okta.fns.ts';
import type { ComplianceRule, ComplianceSnapshot, Evidence } from '../types.ts';
import { stig } from './frameworks.ts';

const TRUST = 'protocol.credentials.trust';

/** DoD PKI and the DoD-approved External Certificate Authorities name themselves this way in their DNs. */
export function isDodIssuer(dn: string): boolean {
  const parts = dn.split(/[\n,]/).map((p) => p.trim().toUpperCase());
  return parts.includes('O=U.S. GOVERNMENT') && (parts.includes('OU=DOD') || parts.includes('OU=ECA'));
}

/** Issuer DNs of the IdP's uploaded chain (its `kid` in the IdP key store), else the `issuer` text it declares. */
async function issuersOf(
  s: ComplianceSnapshot,
  idp: { id: string; body: unknown },
  evidence: Evidence[],
): Promise<string[]> {
  const kid = str(at(idp.body, `${TRUST}.kid`));
  const key = kid && s.has('idp_key') ? await s.get('idp_key', kid) : undefined;
  const x5c = at(key?.body, 'x5c');
  if (key && Array.isArray(x5c) && x5c.length) {
    const issuers = x5c.map((der) => new X509Certificate(Buffer.from(String(der), 'base64')).issuer);
    evidence.push(evValue('idp_key', key.id, 'x5c[*].issuer', issuers));
    return issuers;
  }
  evidence.push(ev('idp', idp, `${TRUST}.issuer`));
  const declared = str(at(idp.body, `${TRUST}.issuer`));
  return declared ? [declared] : [];
}

export const idpRules: ComplianceRule[] = [
  {
    id: 'OKTA-APP-001920',
    title: 'Smart card IdP trusts only DoD-approved certificate authorities',
    severity: 'CAT II',
    frameworks: stig('V-273207', ['SC-17', 'SC-23(5)'], ['CC6.1'], ['A.8.5']),
    reads: [
      { type: 'idp', fields: ['type', 'status', 'name', `${TRUST}.kid`, `${TRUST}.issuer`] },
      { type: 'idp_key', fields: ['kid', 'x5c'], optional: true },
    ],
    check: 'Every active X509 (smart card) IdP: its certificate chain is issued by the DoD PKI or a DoD-approved ECA',
    async evaluate(s) {
      const cards = (await collect(s, 'idp')).filter((i) => at(i.body, 'type') === 'X509');
      const evidence: Evidence[] = cards.map((i) => named(ev('idp', i, 'status'), str(at(i.body, 'name')) ?? i.id));
      const active = cards.filter(isActive);
      if (active.length === 0)
        return fail(
          cards.length ? 'The smart card IdP is not active.' : 'No smart card (X509) IdP is set up.',
          evidence,
        );
      const bad: string[] = [];
      const badIds: string[] = [];
      const unknown: string[] = [];
      for (const idp of active) {
        const issuers = await issuersOf(s, idp, evidence);
        const name = `"${str(at(idp.body, 'name')) ?? idp.id}"`;
        if (issuers.length === 0) unknown.push(name);
        else if (!issuers.every(isDodIssuer)) {
          bad.push(name);
          badIds.push(idp.id);
        }
      }
      if (bad.length)
        return fail(
          `Smart card IdP ${bad.join(', ')} trusts a certificate authority outside the DoD PKI.`,
          markFailing(evidence, badIds),
        );
      if (unknown.length)
        return manual(
          `The snapshot holds neither the certificate chain nor an issuer for ${unknown.join(', ')}.`,
          evidence,
        );
      return pass(`Every active smart card IdP (${active.length}) trusts only DoD-issued certificates.`, evidence);
    },
  },
];
