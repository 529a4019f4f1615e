import { describe, expect, it } from 'vitest';
import { rateLimitText } from './rate-limit-text.ts';

describe('rateLimitText', () => {
  it('says how long the backup waited and why, not how many waits', () => {
    expect(rateLimitText(233, 41_300)).toBe(
      "Waited 41 s in total for Okta's rate limit (233 short pauses): Butterfly keeps to its share of your org's limit, so your own tools keep theirs.",
    );
    expect(rateLimitText(1, 200_000, { running: true })).toMatch(
      /^Waited 3 min 20 s so far for Okta's rate limit \(1 short pause\)/,
    );
  });

  it('says nothing when the backup never paused', () => {
    expect(rateLimitText(0, 0)).toBeNull();
  });

  it('names the pauses of backups recorded before their time was', () => {
    expect(rateLimitText(5, null)).toMatch(/^Paused for Okta's rate limit 5 times: Butterfly keeps to its share/);
  });
});
