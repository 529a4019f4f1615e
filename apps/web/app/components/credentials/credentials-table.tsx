import { Badge, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@butterfly/ui';
import { Link } from '@remix-run/react';
import { objectHref } from '~/components/backups/object-link.ts';
import { Time } from '~/components/time.tsx';

export interface CredentialRow {
  type: string;
  objectId: string;
  credentialId: string;
  appId: string;
  appLabel: string;
  kind: string;
  status: string | null;
  created: string | null;
  expiresAt: string | null;
  daysLeft: number | null;
}

/** How close an expiry is, in words and colour (the words carry it; the colour only repeats them). */
function expiry(daysLeft: number | null): { label: string; variant: 'danger' | 'warning' | 'neutral' } {
  if (daysLeft === null) return { label: 'No expiry', variant: 'neutral' };
  if (daysLeft < 0) return { label: `Expired ${-daysLeft} day${daysLeft === -1 ? '' : 's'} ago`, variant: 'danger' };
  if (daysLeft <= 7) return { label: `Expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'}`, variant: 'danger' };
  if (daysLeft <= 30) return { label: `Expires in ${daysLeft} days`, variant: 'warning' };
  return { label: `In ${daysLeft} days`, variant: 'neutral' };
}

/** App client secrets and signing keys, soonest expiry first (the order the server sends). */
export function CredentialsTable({
  connectionId,
  snapshotId,
  rows,
}: {
  connectionId: string;
  snapshotId: string;
  rows: CredentialRow[];
}) {
  return (
    <Table aria-label="App secrets and signing keys, soonest expiry first">
      <TableHeader>
        <TableRow>
          <TableHead>App</TableHead>
          <TableHead>Kind</TableHead>
          <TableHead>Id</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Created</TableHead>
          <TableHead aria-sort="ascending">Expires</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => {
          const e = expiry(r.daysLeft);
          return (
            <TableRow key={`${r.type} ${r.objectId}`}>
              <TableCell>
                <Link
                  to={objectHref(connectionId, snapshotId, 'app', r.appId)}
                  className="font-medium text-indigo-700 underline"
                >
                  {r.appLabel}
                </Link>
              </TableCell>
              <TableCell>{r.kind}</TableCell>
              <TableCell>
                <Link
                  to={objectHref(connectionId, snapshotId, r.type, r.objectId)}
                  className="font-mono text-xs text-indigo-700 underline"
                >
                  {r.credentialId}
                  <span className="sr-only">
                    {' '}
                    ({r.kind} of {r.appLabel})
                  </span>
                </Link>
              </TableCell>
              <TableCell>{r.status ?? '—'}</TableCell>
              <TableCell>{r.created ? <Time iso={r.created} /> : '—'}</TableCell>
              <TableCell>
                {r.expiresAt ? <Time iso={r.expiresAt} /> : '—'} <Badge variant={e.variant}>{e.label}</Badge>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
