import { describe, expect, it } from 'vitest';
import { changesAlert } from './alert-message.fns.ts';
import { ZWebhookUrl, signatureHeader, typeMatches, verifySignature } from './webhooks.fns.ts';

describe('webhook helpers', () => {
  it('matches object types by family', () => {
    expect(typeMatches(['policy.*'], 'policy.OKTA_SIGN_ON')).toBe(true);
    expect(typeMatches(['policy.*'], 'policy_rule.OKTA_SIGN_ON')).toBe(false);
    expect(typeMatches(['policy.*'], 'group')).toBe(false);
    expect(typeMatches(['group'], 'group')).toBe(true);
    expect(typeMatches([], 'anything')).toBe(true);
    expect(typeMatches(['*'], 'anything')).toBe(true);
  });

  it('signs t.body with HMAC-SHA256 and verifies it, refusing tampering and old timestamps', () => {
    const at = new Date('2026-11-29T08:00:00Z');
    const header = signatureHeader('bfywh_secret', '{"text":"hi"}', at);
    expect(header).toMatch(/^t=1795939200,v1=[0-9a-f]{64}$/);
    expect(verifySignature('bfywh_secret', header, '{"text":"hi"}', at)).toBe(true);
    expect(verifySignature('bfywh_secret', header, '{"text":"hi!"}', at)).toBe(false);
    expect(verifySignature('other', header, '{"text":"hi"}', at)).toBe(false);
    expect(verifySignature('bfywh_secret', header, '{"text":"hi"}', new Date(at.getTime() + 10 * 60_000))).toBe(false);
  });

  it('accepts https URLs and http only to loopback', () => {
    expect(ZWebhookUrl.safeParse('https://hooks.slack.com/services/T/B/x').success).toBe(true);
    expect(ZWebhookUrl.safeParse('http://127.0.0.1:9999/hook').success).toBe(true);
    expect(ZWebhookUrl.safeParse('http://hooks.example.com/x').success).toBe(false);
    expect(ZWebhookUrl.safeParse('https://user:pw@hooks.example.com/x').success).toBe(false);
    expect(ZWebhookUrl.safeParse('ftp://hooks.example.com/x').success).toBe(false);
  });

  it('builds a Slack-compatible message with details for programs', () => {
    const { payload } = changesAlert({
      deliveryId: 'd1',
      connection: { id: 'c1', name: 'prod', orgUrl: 'https://acme.okta.com' },
      snapshot: { id: 's2', completedAt: '2026-11-29T08:00:00.000Z' },
      previousSnapshotId: 's1',
      watched: ['policy.*'],
      counts: { added: 0, changed: 1, removed: 0 },
      changes: [
        {
          type: 'policy.PASSWORD',
          id: '00p1',
          label: 'Default',
          change: 'changed',
          paths: [{ path: '$.settings.password.complexity.minLength', kind: 'changed', before: 15, after: 8 }],
          actors: [{ actor: 'alice@acme.test', at: '2026-11-29T07:59:00Z', eventType: 'policy.lifecycle.update' }],
        },
      ],
      link: 'http://localhost:3000/connections/c1/diff?from=s1&to=s2',
    });
    expect(payload.text).toBe('Butterfly: 1 change (policy.*) in prod');
    expect(payload.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: payload.text } });
    expect(JSON.stringify(payload.blocks)).toContain('`$.settings.password.complexity.minLength` 15 → 8');
    expect(JSON.stringify(payload.blocks)).toContain('by alice@acme.test');
    expect(payload.butterfly).toMatchObject({ event: 'objects.changed', counts: { changed: 1 }, truncated: false });
  });
});
