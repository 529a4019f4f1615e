import { describe, expect, it } from 'vitest';
import { describeActor, describeTrigger, objectTypeLabel } from './labels.ts';

describe('labels', () => {
  it('names actors the way people read them, never as internal strings', () => {
    expect(describeActor('member:ann@acme.test')).toBe('ann@acme.test');
    expect(describeActor('system:job:backup:42')).toBe('Scheduled backup');
    expect(describeActor('system:schedule')).toBe('Scheduled backup');
    expect(describeActor('system:job:compliance_scan:7')).toBe('Automatic compliance scan');
    expect(describeActor('job:restore_preview:9')).toBe('Restore preview');
    expect(describeActor('system:cli:root')).toBe('Command line (root)');
    expect(describeActor('cli:root')).toBe('Command line (root)');
    expect(describeActor('operator:cli:root')).toBe('Command line (root)');
    expect(describeActor('scim:Okta')).toBe('SCIM (Okta)');
    expect(describeActor('system:something-new:1')).toBe('Butterfly');
    expect(describeActor('admin@okta.example')).toBe('admin@okta.example');
    expect(describeActor(null)).toBe('Someone');
  });

  it('says what started a backup in words', () => {
    expect(describeTrigger('schedule')).toBe('Scheduled');
    expect(describeTrigger('some_new_thing')).toBe('Some new thing');
  });

  it('names object types in words', () => {
    expect(objectTypeLabel('group_rule')).toBe('Group rule');
  });
});
