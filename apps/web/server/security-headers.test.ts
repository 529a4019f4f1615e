import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce, securityHeaders } from './security-headers.ts';

const directives = (csp: string) => new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

describe('contentSecurityPolicy', () => {
  it('allows scripts only from our origin or with the nonce', () => {
    const csp = directives(contentSecurityPolicy('abc123=='));
    expect(csp.get('script-src')).toEqual(["'self'", "'nonce-abc123=='"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
  });

  it('forbids framing, plugins, foreign forms and base rewriting', () => {
    const csp = directives(contentSecurityPolicy('n0nce'));
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
  });

  it('never allows inline or eval scripts without a nonce', () => {
    const scriptSrc = directives(contentSecurityPolicy('n0nce')).get('script-src') ?? [];
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
  });

  it('rejects a nonce that could inject directives', () => {
    expect(() => contentSecurityPolicy("x'; script-src *")).toThrow();
  });
});

describe('securityHeaders', () => {
  it('sends the fixed hardening headers', () => {
    const h = securityHeaders({ nonce: createNonce(), https: false });
    expect(h).toMatchObject({
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'Cross-Origin-Opener-Policy': 'same-origin',
    });
    expect(h['Permissions-Policy']).toContain('camera=()');
  });

  it('sends HSTS only when the public URL is https', () => {
    expect(securityHeaders({ nonce: 'n', https: false })).not.toHaveProperty('Strict-Transport-Security');
    expect(securityHeaders({ nonce: 'n', https: true })['Strict-Transport-Security']).toMatch(/^max-age=\d{8,}/);
  });

  it('uses a different nonce for every response', () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    expect(nonces.size).toBe(50);
    for (const n of nonces) expect(Buffer.from(n, 'base64')).toHaveLength(16);
  });
});
