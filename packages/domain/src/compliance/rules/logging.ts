import { at, count, ev, fail, named, pass, str } from '../compliance.fns.ts';
import { collect, isActive } from '../okta.fns.ts';
import type { ComplianceRule } from '../types.ts';
import { stig } from './frameworks.ts';

export const loggingRules: ComplianceRule[] = [
  {
    id: 'OKTA-APP-001430',
    title: 'Audit records are off-loaded to a central log server',
    severity: 'CAT I',
    frameworks: stig('V-273202', ['AU-4(1)'], ['CC7.2'], ['A.8.15', 'A.8.16']),
    reads: [{ type: 'log_stream', fields: ['status', 'type', 'name'] }],
    check: 'At least one log stream with status ACTIVE',
    async evaluate(s) {
      const streams = await collect(s, 'log_stream');
      const evidence = streams.flatMap((l) =>
        [ev('log_stream', l, 'type'), ev('log_stream', l, 'status')].map((e) =>
          named(e, str(at(l.body, 'name')) ?? l.id),
        ),
      );
      const active = streams.filter(isActive);
      if (active.length)
        return pass(`Active log streams send the System Log off the org: ${count(active.length, 'stream')}.`, evidence);
      // A SIEM may instead poll the System Log API; that is invisible in configuration, so it is the auditor's call.
      return fail(
        'No active log stream. If a SIEM collects the System Log through the API instead, record that as a documented exception.',
        evidence,
      );
    },
  },
];
