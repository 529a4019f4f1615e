/** Who is calling: the owner of an SSWS token, or an OAuth service app with the scopes it was granted. */
export interface Principal {
  kind: 'ssws' | 'oauth';
  /** System Log actor fields. */
  id: string;
  type: 'User' | 'PublicClientApp';
  alternateId: string;
  displayName: string;
  /** OAuth only: the access token's `scp`. */
  scopes?: Set<string>;
}
