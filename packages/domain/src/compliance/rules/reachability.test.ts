import { describe, expect, it } from 'vitest';
import { covers, isUnrestricted, reachOf } from './reachability.fns.ts';

const rule = (id: string, conditions: unknown) => ({ id: `p/${id}`, body: { id, name: id, conditions } });
const corp = { connection: 'ZONE', include: ['nzo1corp'] };

describe('rule reachability', () => {
  it('treats absent, empty, ANY and ANYWHERE conditions as matching everything', () => {
    expect(
      isUnrestricted({
        network: { connection: 'ANYWHERE' },
        people: { users: { exclude: [] } },
        riskScore: { level: 'ANY' },
      }),
    ).toBe(true);
    expect(isUnrestricted({ network: corp })).toBe(false);
    expect(isUnrestricted({ device: { registered: true } })).toBe(false);
    expect(isUnrestricted({ platform: { include: [{ type: 'ANY', os: { type: 'ANY' } }] } })).toBe(true);
    expect(isUnrestricted({ platform: { include: [{ type: 'MOBILE', os: { type: 'IOS' } }] } })).toBe(false);
    expect(isUnrestricted({ people: { groups: { include: ['00g1'] } } })).toBe(false);
  });

  it('a higher rule covers a lower one only when each of its conditions is unrestricted or identical', () => {
    expect(covers(rule('a', undefined), rule('b', { network: corp }))).toBe(true);
    expect(
      covers(
        rule('a', { network: { include: ['nzo1corp'], connection: 'ZONE' } }),
        rule('b', { network: corp, people: { groups: { include: ['g1'] } } }),
      ),
    ).toBe(true);
    expect(
      covers(rule('a', { network: corp }), rule('b', { network: { connection: 'ZONE', exclude: ['nzo1corp'] } })),
    ).toBe(false);
    // Overlapping but different groups: not provable, so the lower rule stays reachable.
    expect(
      covers(
        rule('a', { people: { groups: { include: ['g1', 'g2'] } } }),
        rule('b', { people: { groups: { include: ['g1'] } } }),
      ),
    ).toBe(false);
  });

  it('names the first higher rule that shadows each rule', () => {
    const reach = reachOf([
      rule('top', { network: corp }),
      rule('remote', { network: { connection: 'ZONE', exclude: ['nzo1corp'] } }),
      rule('all', {}),
      rule('after', { network: corp }),
    ]);
    expect(reach.map((r) => r.shadowedBy?.id ?? null)).toEqual([null, null, null, 'p/top']);
  });
});
