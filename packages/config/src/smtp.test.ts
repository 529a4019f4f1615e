import { describe, expect, it } from 'vitest';
import { redactSmtpUrl, smtpEnv } from './smtp.ts';

describe('SMTP settings', () => {
  it('are optional, and SMTP_FROM is required with SMTP_URL', () => {
    expect(smtpEnv({})).toEqual({ SMTP_URL: undefined, SMTP_FROM: undefined });
    expect(smtpEnv({ SMTP_URL: 'smtp://u:p@mail.example.com:587', SMTP_FROM: 'alerts@example.com' })).toEqual({
      SMTP_URL: 'smtp://u:p@mail.example.com:587',
      SMTP_FROM: 'alerts@example.com',
    });
    expect(() => smtpEnv({ SMTP_URL: 'smtp://mail.example.com' })).toThrowError(/SMTP_FROM: is required with SMTP_URL/);
    expect(() => smtpEnv({ SMTP_URL: 'https://mail.example.com', SMTP_FROM: 'a@example.com' })).toThrowError(
      /SMTP_URL: must be an smtp/,
    );
  });

  it('never show the password when redacted for logs', () => {
    const shown = redactSmtpUrl('smtp://alerts:s3cr3t-pass@mail.example.com:587');
    expect(shown).not.toContain('s3cr3t-pass');
    expect(shown).not.toContain('alerts:');
    expect(shown).toContain('mail.example.com:587');
  });
});
