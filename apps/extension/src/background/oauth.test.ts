import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authorizeUrl, readHandoff, startAuthorization } from './oauth.ts';

describe('authorization request', () => {
  it('uses PKCE S256 with a fresh 43-character verifier and a state', async () => {
    const a = await startAuthorization();
    const b = await startAuthorization();
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.challenge).toBe(createHash('sha256').update(a.verifier).digest('base64url'));
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.state).not.toBe(b.state);
    const url = new URL(authorizeUrl('https://bfy.example.com', a));
    expect(`${url.origin}${url.pathname}`).toBe('https://bfy.example.com/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'butterfly-extension',
      redirect_uri: 'https://bfy.example.com/oauth/handoff',
      code_challenge: a.challenge,
      code_challenge_method: 'S256',
      state: a.state,
    });
  });

  it('reads the hand-off page of its own Butterfly only', () => {
    expect(
      readHandoff(
        'https://bfy.example.com/oauth/handoff?code=bfyc_1&state=s&iss=https%3A%2F%2Fbfy.example.com',
        'https://bfy.example.com',
      ),
    ).toEqual({
      code: 'bfyc_1',
      state: 's',
      iss: 'https://bfy.example.com',
      error: undefined,
    });
    expect(
      readHandoff(
        'https://bfy.example.com/oauth/handoff?error=access_denied&error_description=inactive&state=s',
        'https://bfy.example.com',
      ),
    ).toMatchObject({ error: 'access_denied: inactive' });
    expect(readHandoff('https://evil.example.com/oauth/handoff?code=x', 'https://bfy.example.com')).toBeNull();
    expect(readHandoff('https://bfy.example.com/login', 'https://bfy.example.com')).toBeNull();
  });
});
