/**
 * Whether an IdP client's error means the IdP refused the credential itself (Okta: 401, a token or
 * client refused at the token endpoint, a 403 for a missing scope or permission): retrying cannot
 * help, the admin must replace the credential. Connectors mark such errors `credentialRejected`
 * (the domain never imports a connector).
 */
export function isCredentialRejection(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { credentialRejected?: unknown }).credentialRejected === true;
}
