import { describe, expect, it } from 'vitest';
import { alreadyRunningNotice, backupRequestedUrl } from './backup-request.ts';

describe('the "Back up now" landing', () => {
  it('says a backup is already running, since when and by whom', () => {
    const url = backupRequestedUrl('c1', { alreadyRunning: true, state: 'running', since: new Date('2026-12-06T10:00:00Z'), by: 'alice@acme.test' });
    const params = new URL(url, 'http://x').searchParams;
    expect(alreadyRunningNotice(params, new Date('2026-12-06T10:00:12Z'))).toBe('A backup is already running — started 12 s ago by alice@acme.test. No second one was started.');
  });

  it('says nothing when a new backup was queued', () => {
    const url = backupRequestedUrl('c1', { alreadyRunning: false, state: 'queued', since: '2026-12-06T10:00:00Z', by: 'alice@acme.test' });
    expect(alreadyRunningNotice(new URL(url, 'http://x').searchParams, new Date())).toBeNull();
  });
});
