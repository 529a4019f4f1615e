import { randomBytes } from 'node:crypto';

/** A fresh CSP nonce for one response: 128 random bits, base64. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The Content-Security-Policy of every response. Scripts run only from our origin or when they carry
 * this response's nonce (Remix's inline hydration and streaming scripts get it through `<Scripts>`,
 * `<ScrollRestoration>`, `<RemixServer>` and React's `renderToPipeableStream`). Inline styles stay
 * allowed: Radix positions overlays with `style` attributes, and styles cannot run code.
 */
export function contentSecurityPolicy(nonce: string, opts: { https?: boolean; frameable?: boolean } = {}): string {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(nonce)) throw new Error('CSP nonce must be base64');
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ];
  if (!opts.frameable) directives.push("frame-ancestors 'none'");
  if (opts.https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/**
 * The paths another site may frame: Entra's front-channel logout loads them in an iframe (decision
 * 056). Their own response names the one origin allowed (the tenant's Entra authority) in a second
 * CSP header; browsers enforce both policies, so nothing here loosens the rest.
 */
export const FRAMEABLE_PATHS = [/^\/sso\/[^/]+\/frontchannel-logout$/];

/**
 * Headers sent on every response. HSTS only when the public URL is https: sent over plain-http
 * localhost it would be ignored at best, and at worst pin a developer's browser to https for the host.
 */
export function securityHeaders(opts: { nonce: string; https: boolean; path?: string }): Record<string, string> {
  const frameable = opts.path !== undefined && FRAMEABLE_PATHS.some((p) => p.test(opts.path!));
  const headers: Record<string, string> = {
    'Content-Security-Policy': contentSecurityPolicy(opts.nonce, { https: opts.https, frameable }),
    ...(frameable ? {} : { 'X-Frame-Options': 'DENY' }),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
  if (opts.https) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}
