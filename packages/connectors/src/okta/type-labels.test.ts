import { describe, expect, it } from 'vitest';
import { OKTA_CATALOG } from './catalog.ts';
import { OKTA_TYPE_LABELS, objectTypeLabel } from './type-labels.ts';

describe('object type labels', () => {
  it('names every type a backup reads, in words with no code in them', () => {
    for (const d of OKTA_CATALOG) {
      const label = OKTA_TYPE_LABELS[d.type];
      expect(label, d.type).toBeTruthy();
      expect(label, d.type).not.toMatch(/[_.]|^[a-z]/);
    }
  });

  it('says what people call a type', () => {
    expect(objectTypeLabel('group_rule')).toBe('Group rule');
    expect(objectTypeLabel('policy.OKTA_SIGN_ON.rule')).toBe('Global session policy rule');
    expect(objectTypeLabel('policy.ACCESS_POLICY.mapping')).toBe('App sign-in policy app mapping');
  });

  it('turns a type it does not know into words rather than showing code', () => {
    expect(objectTypeLabel('okta.groupRule')).toBe('Group rule');
    expect(objectTypeLabel('widget.some_thing')).toBe('Widget some thing');
  });
});
