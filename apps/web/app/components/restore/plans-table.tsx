import type { RestorePlanView } from '@butterfly/domain/restores';
import { Badge, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@butterfly/ui';
import { Link } from '@remix-run/react';
import { Time } from '~/components/time.tsx';
import { describeActor } from '~/utils/labels.ts';

/** Recent plans, newest first. */
export function PlansTable({ plans, names }: { plans: RestorePlanView[]; names: Record<string, string> }) {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Plan</TableHead>
          <TableHead>Connection</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Steps</TableHead>
          <TableHead>Asked for</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {plans.map((p) => (
          <TableRow key={p.id}>
            <TableCell>
              <Link to={`/restore/${p.id}`} className="font-mono text-indigo-700 underline">
                {p.shortCode}
              </Link>
            </TableCell>
            <TableCell>{names[p.connectionId] ?? p.connectionId}</TableCell>
            <TableCell>
              <Badge>{p.status.replace('_', ' ')}</Badge>
            </TableCell>
            <TableCell>{'steps' in p.summary ? p.summary.steps : '—'}</TableCell>
            <TableCell>
              <Time iso={p.createdAt} /> by {describeActor(p.requestedBy)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
