import { Badge, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@butterfly/ui';
import { Time } from '~/components/time.tsx';

export interface DeliveryRow {
  id: string;
  webhookName: string;
  event: string;
  summary: string;
  /** `waiting`: held for its email channel's daily digest; `batched`: sent in one. */
  status: 'pending' | 'delivered' | 'failed' | 'waiting' | 'batched';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
}

const STATUS = {
  delivered: 'success',
  pending: 'info',
  failed: 'danger',
  waiting: 'neutral',
  batched: 'neutral',
} as const;

/** The delivery log: every alert sent or being retried, with its attempts and last error. */
export function DeliveriesTable({ deliveries }: { deliveries: DeliveryRow[] }) {
  if (!deliveries.length) return <p className="text-sm text-slate-700">No alerts sent yet.</p>;
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>When</TableHead>
          <TableHead>Webhook</TableHead>
          <TableHead>Alert</TableHead>
          <TableHead>Status</TableHead>
          <TableHead className="text-right">Attempts</TableHead>
          <TableHead>Last error</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {deliveries.map((d) => (
          <TableRow key={d.id}>
            <TableCell>
              <Time iso={d.createdAt} />
            </TableCell>
            <TableCell>{d.webhookName}</TableCell>
            <TableCell>
              <code className="text-xs text-slate-600">{d.event}</code>
              <div>{d.summary}</div>
            </TableCell>
            <TableCell>
              <Badge variant={STATUS[d.status]}>{d.status}</Badge>
            </TableCell>
            <TableCell className="text-right tabular-nums">{d.attempts}</TableCell>
            <TableCell className="max-w-xs text-xs break-words text-slate-700">{d.lastError ?? '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
