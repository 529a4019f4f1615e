import { describe, expect, it } from 'vitest';
import { workerEnv } from './worker.ts';

describe('workerEnv', () => {
  it('reads its own keys, with the web app defaults for the shared ones', () => {
    expect(workerEnv({})).toEqual({
      WORKER_CONCURRENCY: 16,
      APP_URL: 'http://localhost:3000',
      BUTTERFLY_ALLOW_PRIVATE_URLS: true,
      BUTTERFLY_FRESHNESS_POLL_SECONDS: 30,
      BUTTERFLY_FRESHNESS_SETTLE_SECONDS: 5,
      BUTTERFLY_DIRECTORY_SYNC_MINUTES: 15,
    });
    expect(workerEnv({ APP_URL: 'https://bfy.example.com/', WORKER_CONCURRENCY: '8' })).toEqual({
      WORKER_CONCURRENCY: 8,
      APP_URL: 'https://bfy.example.com',
      BUTTERFLY_ALLOW_PRIVATE_URLS: false,
      BUTTERFLY_FRESHNESS_POLL_SECONDS: 30,
      BUTTERFLY_FRESHNESS_SETTLE_SECONDS: 5,
      BUTTERFLY_DIRECTORY_SYNC_MINUTES: 15,
    });
    expect(workerEnv({ BUTTERFLY_FRESHNESS_POLL_SECONDS: '2', BUTTERFLY_FRESHNESS_SETTLE_SECONDS: '0' })).toMatchObject(
      {
        BUTTERFLY_FRESHNESS_POLL_SECONDS: 2,
        BUTTERFLY_FRESHNESS_SETTLE_SECONDS: 0,
      },
    );
    expect(
      workerEnv({ APP_URL: 'https://bfy.example.com', BUTTERFLY_ALLOW_PRIVATE_URLS: 'true' })
        .BUTTERFLY_ALLOW_PRIVATE_URLS,
    ).toBe(true);
  });

  it('ignores the web app keys it does not use', () => {
    expect(workerEnv({ BUTTERFLY_EXTENSION_IDS: 'not an id', PORT: 'x' })).not.toHaveProperty('PORT');
  });

  it('refuses a concurrency out of range', () => {
    expect(() => workerEnv({ WORKER_CONCURRENCY: '0' })).toThrow(/WORKER_CONCURRENCY/);
  });

  it('reads how often directory syncs run (decision 064), 1 to 1440 minutes', () => {
    expect(workerEnv({ BUTTERFLY_DIRECTORY_SYNC_MINUTES: '5' }).BUTTERFLY_DIRECTORY_SYNC_MINUTES).toBe(5);
    expect(() => workerEnv({ BUTTERFLY_DIRECTORY_SYNC_MINUTES: '0' })).toThrow(/BUTTERFLY_DIRECTORY_SYNC_MINUTES/);
  });
});
