import type { TIssuerProbeReport } from '@butterfly/domain/sso';
import { Notice } from '../notice.tsx';

/** What "test connection" found, check by check; the symbols are paired with words. */
export function ConnectionReport({ report }: { report: TIssuerProbeReport & { issuer: string } }) {
  return (
    <Notice
      tone={report.ok ? 'success' : 'danger'}
      role="status"
      title={report.ok ? `${report.issuer} looks right` : `${report.issuer} is not usable yet`}
    >
      <ul className="mt-2 flex flex-col gap-1">
        {report.checks.map((c) => (
          <li key={c.name}>
            <span aria-hidden="true">{c.ok ? '✓' : '✗'} </span>
            <span className="font-medium">
              {c.name}: {c.ok ? 'OK' : 'problem'}.
            </span>{' '}
            {c.detail}
          </li>
        ))}
      </ul>
    </Notice>
  );
}
