import { describe, expect, it } from 'vitest';
import { parsePolicyFilter } from './cel.ts';

describe('policies.list filter (CEL subset)', () => {
  it('reads ScubaGoggles-style filters, with CEL escapes in the regex', () => {
    const f = parsePolicyFilter(
      `customer == "customers/my_customer" && setting.type.matches('^settings/security\\\\..*$')`,
    );
    expect(f.customer).toBe('customers/my_customer');
    expect(f.settingTypeMatches?.test('settings/security.password')).toBe(true);
    expect(f.settingTypeMatches?.test('settings/securityXpassword')).toBe(false);
    expect(parsePolicyFilter('setting.type == "settings/gmail.mail_delegation"')).toEqual({
      settingType: 'settings/gmail.mail_delegation',
    });
    expect(parsePolicyFilter(null)).toEqual({});
  });

  it('keeps && inside a string and refuses what it does not know', () => {
    expect(parsePolicyFilter(`setting.type == "a&&b"`).settingType).toBe('a&&b');
    expect(() => parsePolicyFilter('setting.type != "x"')).toThrow(/unsupported/);
    expect(() => parsePolicyFilter('customer == "x" || true')).toThrow(/unsupported/);
    expect(() => parsePolicyFilter(`setting.type.matches('(')`)).toThrow(/regular expression/);
    expect(() => parsePolicyFilter(`customer == "x`)).toThrow(/unterminated/);
  });
});
