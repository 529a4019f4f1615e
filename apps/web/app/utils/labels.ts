export { objectTypeLabel } from '@butterfly/connectors/type-labels';

/** What Butterfly's own background work is called, by the job or service label it acts under. */
const SYSTEM: [RegExp, string][] = [
  [/^schedule$/, 'Scheduled backup'],
  [/^job:backup(:|$)/, 'Scheduled backup'],
  [/^job:compliance_scan(:|$)/, 'Automatic compliance scan'],
  [/^job:restore_preview(:|$)/, 'Restore preview'],
  [/^job:restore_apply(:|$)/, 'Restore'],
  [/^job:webhook(:|$)/, 'Alert webhook'],
  [/^oauth:/, 'Browser extension'],
  [/^universal-logout:/, 'Universal Logout from the identity provider'],
  [/^backchannel-logout:/, 'Sign-out from the identity provider'],
  [/^sso:/, 'Single sign-on'],
  [/^worker:/, 'Butterfly'],
];

/**
 * Who did something, as a person reads it. Actor labels are stored as `member:ann@acme.test`,
 * `scim:Okta`, `system:job:backup:42`, `operator:cli:root` or `cli:root`; people see "ann@acme.test", "SCIM (Okta)",
 * "Scheduled backup" and "Command line (root)".
 */
export function describeActor(label: string | null | undefined): string {
  if (!label) return 'Someone';
  const [kind, ...rest] = label.split(':');
  const tail = rest.join(':');
  switch (kind) {
    case 'member':
      return tail || 'A member';
    case 'scim':
      return tail ? `SCIM (${tail})` : 'SCIM provisioning';
    case 'cli':
      return tail ? `Command line (${tail})` : 'Command line';
    case 'operator':
    case 'system': {
      const cli = /^cli:(.*)$/.exec(tail);
      if (cli) return cli[1] ? `Command line (${cli[1]})` : 'Command line';
      return SYSTEM.find(([re]) => re.test(tail))?.[1] ?? 'Butterfly';
    }
    default:
      // A job label without its kind (restore plans keep the bare label), or a plain name or email.
      return SYSTEM.find(([re]) => re.test(label))?.[1] ?? label;
  }
}

const TRIGGERS: Record<string, string> = {
  manual: 'Backup now',
  schedule: 'Scheduled',
  restore: 'Before a restore',
  extension: 'From the browser extension',
  backup: 'After a backup',
  api: 'From the API',
};

/** What started a backup or scan, in words ("Scheduled", not `schedule`). */
export const describeTrigger = (trigger: string): string =>
  TRIGGERS[trigger] ?? trigger.charAt(0).toUpperCase() + trigger.slice(1).replace(/[_-]+/g, ' ');
