import { describe, expect, it } from 'vitest';
import { failureAlert, testAlert } from './alert-message.fns.ts';
import { emailMessage, plainSubject, slackBody } from './channel-message.fns.ts';
import { digestAlert } from './digest-message.fns.ts';
import { redactTarget } from './webhook-targets.fns.ts';

const connection = { id: 'c1', name: 'okta <prod> & "co"', orgUrl: 'https://acme.okta.com' };

describe('Slack messages', () => {
  it('carry the Block Kit blocks and the plain-text fallback, and nothing else', () => {
    const { payload } = failureAlert({
      deliveryId: 'd1',
      connection,
      snapshotId: null,
      error: 'boom',
      attempt: 1,
      willRetry: false,
    });
    const body = slackBody(payload);
    expect(Object.keys(body).sort()).toEqual(['blocks', 'text']);
    expect(body.text).toBe('Butterfly: the backup of okta <prod> & "co" failed');
    expect(body.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: body.text } },
      { type: 'section', text: { type: 'mrkdwn', text: 'https://acme.okta.com, attempt 1:\n```boom```' } },
    ]);
    expect(JSON.stringify(body)).not.toContain('butterfly');
  });

  it('refuse a payload without text', () => {
    expect(() => slackBody({ blocks: [] })).toThrowError(/no text/);
  });
});

describe('email messages', () => {
  it('escape every text in HTML, turn links into anchors and plain "label (url)", and load nothing remote', () => {
    const payload = {
      text: 'Butterfly: <b>alert</b>',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Butterfly: <b>alert</b>' } },
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: '<img src="https://evil.example/x.png"> & <https://bfy.example.com/c/1|Open it>',
          },
        },
      ],
    };
    const m = emailMessage(payload);
    expect(m.subject).toBe('Butterfly: <b>alert</b>');
    expect(m.html).toContain('Butterfly: &lt;b&gt;alert&lt;/b&gt;');
    expect(m.html).toContain(
      '&lt;img src=&quot;https://evil.example/x.png&quot;&gt; &amp; <a href="https://bfy.example.com/c/1">Open it</a>',
    );
    expect(m.html).not.toMatch(/<img|<b>/);
    expect(m.text).toContain('& Open it (https://bfy.example.com/c/1)');
  });

  it('keep subject lines on one plain line of at most 200 characters', () => {
    expect(plainSubject('a\r\nBcc: victim@example.com\tb')).toBe('a Bcc: victim@example.com b');
    expect(plainSubject('x'.repeat(300))).toHaveLength(200);
    expect(emailMessage(testAlert({ deliveryId: 'd', webhook: { id: 'w', name: 'ops' } }).payload).subject).toBe(
      'Butterfly: test alert for webhook “ops”',
    );
  });
});

describe('daily digest message', () => {
  it('lists every alert, oldest first, in sections Slack and email can both show', () => {
    const items = Array.from({ length: 60 }, (_, i) => ({
      event: 'backup.failed',
      summary: `Butterfly: the backup of c${i} failed ${'x'.repeat(60)}`,
      at: `2026-12-07T0${i % 10}:00:00.000Z`,
    }));
    const { summary, payload } = digestAlert({ deliveryId: 'd', channel: { id: 'w', name: 'mail' }, items });
    expect(summary).toBe('Butterfly: daily digest, 60 alerts');
    const sections = payload.blocks.slice(1) as { text: { text: string } }[];
    expect(sections.length).toBeGreaterThan(1);
    for (const s of sections) expect(s.text.text.length).toBeLessThanOrEqual(3000);
    const all = sections.map((s) => s.text.text).join('\n');
    expect(all.split('\n')).toHaveLength(60);
    expect(all).toContain('• 2026-12-07 00:00 UTC the backup of c0 failed');
    expect(payload.butterfly.alerts).toHaveLength(60);
  });
});

describe('email targets in errors', () => {
  it("show only the domain of an email channel's address to those who may not see targets", () => {
    expect(
      redactTarget(
        '550 5.1.1 <oncall@customer.example.com>: unknown mailbox oncall@customer.example.com',
        'oncall@customer.example.com',
      ),
    ).toBe('550 5.1.1 <…@customer.example.com>: unknown mailbox …@customer.example.com');
    expect(redactTarget('timeout', 'oncall@customer.example.com')).toBe('timeout');
  });
});
