import { describe, expect, it } from 'vitest';
import { alreadyRunningNotice, backupRequestedUrl } from './backup-request.ts';

describe('the "Back up now" landing', () => {
  it('says a backup is already running, since when and by whom', () => {
    const url = backupRequestedUrl('c1', {
      alreadyRunning: true,
      state: 'running',
      since: new Date('2026-12-06T10:00:00Z'),
      by: 'alice@acme.test',
    });
    const params = new URL(url, 'http://x').searchParams;
    expect(alreadyRunningNotice(params, new Date('2026-12-06T10:00:12Z'))).toBe(
      'A backup is already running — started 12 s ago by alice@acme.test. No second one was started.',
    );
  });

  it('names a scheduled or command-line run in words', () => {
    const url = backupRequestedUrl('c1', {
      alreadyRunning: true,
      state: 'queued',
      since: new Date('2026-12-06T10:00:00Z'),
      by: 'cli:root',
    });
    expect(alreadyRunningNotice(new URL(url, 'http://x').searchParams, new Date('2026-12-06T10:02:00Z'))).toBe(
      'A backup is already queued — queued 2 min ago by Command line (root). No second one was started.',
    );
  });

  it('says nothing when a new backup was queued', () => {
    const url = backupRequestedUrl('c1', {
      alreadyRunning: false,
      state: 'queued',
      since: '2026-12-06T10:00:00Z',
      by: 'alice@acme.test',
    });
    expect(alreadyRunningNotice(new URL(url, 'http://x').searchParams, new Date())).toBeNull();
  });
});
