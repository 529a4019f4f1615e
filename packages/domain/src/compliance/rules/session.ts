import { at, ev, fail, failing, manual, named, num, pass } from '../compliance.fns.ts';
import { collect } from '../okta.fns.ts';
import type { ComplianceRule } from '../types.ts';
import { stig } from './frameworks.ts';
import { checkSessionRules, globalSessionReads } from './global-session.fns.ts';

const SESSION = 'actions.signon.session';
const between = (lo: number, hi: number) => (v: unknown) =>
  (num(v) ?? Number.NaN) >= lo && (num(v) ?? Number.NaN) <= hi;

export const sessionRules: ComplianceRule[] = [
  {
    id: 'OKTA-APP-000020',
    title: 'Global session idle timeout is 15 minutes or less',
    severity: 'CAT II',
    frameworks: stig('V-273186', ['AC-11', 'SC-10'], ['CC6.1'], ['A.8.5']),
    reads: globalSessionReads(`${SESSION}.maxSessionIdleMinutes`),
    check: 'Every reachable rule of each active global session policy: maxSessionIdleMinutes 1–15',
    evaluate: (s, ctx) =>
      checkSessionRules(
        s,
        `${SESSION}.maxSessionIdleMinutes`,
        between(1, 15),
        'between 1 and 15 minutes',
        ctx.breakGlass,
      ),
  },
  {
    id: 'OKTA-APP-001665',
    title: 'Global session lifetime is 18 hours or less',
    severity: 'CAT II',
    frameworks: stig('V-273203', ['AC-12'], ['CC6.1'], ['A.8.5']),
    reads: globalSessionReads(`${SESSION}.maxSessionLifetimeMinutes`),
    check:
      'Every reachable rule of each active global session policy: maxSessionLifetimeMinutes 1–1080 (0 means no limit)',
    evaluate: (s, ctx) =>
      checkSessionRules(
        s,
        `${SESSION}.maxSessionLifetimeMinutes`,
        between(1, 18 * 60),
        'between 1 and 1080 minutes',
        ctx.breakGlass,
      ),
  },
  {
    id: 'OKTA-APP-001710',
    title: 'Global session cookies do not persist across browser sessions',
    severity: 'CAT II',
    frameworks: stig('V-273206', ['IA-2(9)', 'IA-5(13)'], ['CC6.1'], ['A.8.5']),
    reads: globalSessionReads(`${SESSION}.usePersistentCookie`),
    check: 'Every reachable rule of each active global session policy: usePersistentCookie false',
    // Okta's default for an absent field is false, so only an explicit true fails.
    evaluate: (s, ctx) =>
      checkSessionRules(s, `${SESSION}.usePersistentCookie`, (v) => v !== true, 'false', ctx.breakGlass),
  },
  {
    id: 'OKTA-APP-000025',
    title: 'Admin Console idle timeout is 15 minutes or less',
    severity: 'CAT II',
    frameworks: stig('V-273187', ['AC-11'], ['CC6.1'], ['A.8.2', 'A.8.5']),
    reads: [{ type: 'org_setting.admin_console', fields: ['sessionIdleTimeoutMinutes'] }],
    check: 'Admin Console settings: sessionIdleTimeoutMinutes ≤ 15',
    async evaluate(s) {
      const [settings] = await collect(s, 'org_setting.admin_console');
      if (!settings)
        return manual(
          'The snapshot holds no Admin Console settings (GET /api/v1/first-party-app-settings/admin-console).',
        );
      const e = named(
        ev('org_setting.admin_console', settings, 'sessionIdleTimeoutMinutes'),
        'Okta Admin Console settings',
      );
      const minutes = num(at(settings.body, 'sessionIdleTimeoutMinutes'));
      if (minutes !== undefined && minutes <= 15)
        return pass(`Admin Console sessions end after ${minutes} idle minutes.`, [e]);
      return fail(`Admin Console idle timeout is ${JSON.stringify(e.value)} minutes; it must be 15 or less.`, [
        failing(e),
      ]);
    },
  },
];
