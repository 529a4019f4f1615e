import type { ConnectionView } from '@butterfly/domain/connections';
import { Badge } from '@butterfly/ui';
import { Link } from '@remix-run/react';
import { Notice } from '../notice.tsx';

type State = Pick<ConnectionView, 'paused' | 'status' | 'statusReason' | 'deleted'>;

/** Paused, needs attention, deleted: words and colour, never colour alone. Nothing when it is simply active. */
export function ConnectionStateBadges({ c }: { c: State }) {
  return (
    <>
      {c.deleted && <Badge variant="neutral">Deleted</Badge>}
      {c.paused && <Badge variant="warning">Paused</Badge>}
      {c.status === 'needs_attention' && <Badge variant="danger">Needs attention</Badge>}
    </>
  );
}

/** What the state means and what to do about it, on the connection's page. */
export function ConnectionStateNotices({
  c,
  manageHref,
  canManage,
}: {
  c: State;
  manageHref: string;
  canManage: boolean;
}) {
  return (
    <>
      {c.deleted && (
        <Notice tone="info" role="status" title="Deleted: snapshots kept, read-only">
          Deleted by {c.deleted.by ?? 'someone'} on {c.deleted.at.slice(0, 10)}. Its snapshots, diffs and evidence stay
          available; it is never backed up or tested again.
        </Notice>
      )}
      {c.paused && !c.deleted && (
        <Notice tone="warning" role="status" title="Paused">
          Backups are paused{c.paused.by ? ` by ${c.paused.by}` : ''}
          {c.paused.reason ? `: ${c.paused.reason}` : ''}. Scheduled backups are skipped and “Backup now” is refused
          until it is resumed.
        </Notice>
      )}
      {c.status === 'needs_attention' && !c.deleted && (
        <Notice tone="danger" role="alert" title="Needs attention: Okta refused the credential">
          <p className="break-words">{c.statusReason}</p>
          <p>
            Backups fail until the credential is replaced.{' '}
            {canManage ? (
              <Link to={manageHref} className="font-medium underline">
                Replace the credential
              </Link>
            ) : (
              'Ask an admin to replace it'
            )}
            , then test the connection.
          </p>
        </Notice>
      )}
    </>
  );
}
