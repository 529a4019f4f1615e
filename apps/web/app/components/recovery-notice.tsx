import { Notice } from './notice.tsx';
import { Time } from './time.tsx';

/**
 * Shown to super_admins while a break-glass sign-in is less than 7 days old: nobody should enter
 * without the IdP unnoticed.
 */
export function RecoveryNotice({ recoveries }: { recoveries: { occurredAt: string; email: string }[] }) {
  return (
    <Notice tone="danger" role="alert" aria-labelledby="recovery-notice-title">
      <h2 id="recovery-notice-title" className="text-base font-semibold">
        {recoveries.length === 1 ? 'A recovery link was used' : `${recoveries.length} recovery links were used`} in the
        last 7 days
      </h2>
      <p className="mt-1">
        Someone signed in without your identity provider (break-glass). If you did not expect this, check the audit log.
      </p>
      <ul className="mt-2 list-disc pl-5">
        {recoveries.map((r) => (
          <li key={r.occurredAt + r.email}>
            {r.email}, <Time iso={r.occurredAt} />
          </li>
        ))}
      </ul>
    </Notice>
  );
}
