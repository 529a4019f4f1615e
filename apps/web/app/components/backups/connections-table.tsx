import type { ConnectionView } from '@butterfly/domain/connections';
import { Badge, Button, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@butterfly/ui';
import { Form, Link } from '@remix-run/react';
import { ConnectionStateBadges } from '../connections/connection-state.tsx';
import { previewChanges } from '../restore/restore-readiness.tsx';
import { ConnectionHealth } from './connection-health.tsx';
import { Time } from '~/components/time.tsx';

export type ConnectionRow = Pick<
  ConnectionView,
  'id' | 'name' | 'orgUrl' | 'authKind' | 'lastTest' | 'lastTestedAt' | 'paused' | 'status' | 'statusReason' | 'deleted'
> & {
  lastBackup: { status: 'running' | 'complete' | 'failed'; startedAt: string; completedAt: string | null } | null;
  lastCompleteAt: string | null;
  /** Restore readiness: when a restore preview of this connection last succeeded. */
  lastRestorePreviewAt?: string | null;
  /** What that preview found: steps a restore would take. */
  lastRestorePreviewSteps?: number | null;
};

const STATUS = {
  running: ['Running', 'info'],
  complete: ['Complete', 'success'],
  failed: ['Failed', 'danger'],
} as const;

/** Every connection with its last backup, its health, and the actions the viewer may take. */
export function ConnectionsTable({
  rows,
  canBackup,
  canManage,
}: {
  rows: ConnectionRow[];
  canBackup: boolean;
  canManage: boolean;
}) {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Connection</TableHead>
          <TableHead>Last backup</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Health</TableHead>
          <TableHead>Restore readiness</TableHead>
          {(canBackup || canManage) && <TableHead>Actions</TableHead>}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((c) => (
          <TableRow key={c.id}>
            <TableCell>
              <Link to={`/connections/${c.id}`} className="font-medium text-indigo-700 underline">
                {c.name}
              </Link>
              <div className="text-slate-600">{c.orgUrl}</div>
            </TableCell>
            <TableCell>{c.lastCompleteAt ? <Time iso={c.lastCompleteAt} /> : 'Never'}</TableCell>
            <TableCell>
              {c.lastBackup ? (
                <Badge variant={STATUS[c.lastBackup.status][1]}>{STATUS[c.lastBackup.status][0]}</Badge>
              ) : (
                <Badge>No backups yet</Badge>
              )}
            </TableCell>
            <TableCell>
              <div className="flex flex-wrap gap-1">
                <ConnectionHealth lastTest={c.lastTest} />
                <ConnectionStateBadges c={c} />
              </div>
              {c.lastTestedAt && (
                <div className="text-xs text-slate-600">
                  tested <Time iso={c.lastTestedAt} />
                </div>
              )}
              {c.status === 'needs_attention' && !c.deleted && (
                <div className="mt-1 max-w-xs text-xs text-red-800">
                  Okta refused the credential.{' '}
                  <Link to={`/connections/${c.id}#edit`} className="underline">
                    Replace it<span className="sr-only"> for {c.name}</span>
                  </Link>
                </div>
              )}
            </TableCell>
            <TableCell>
              <Link to={`/restore?connection=${c.id}`} className="text-indigo-700 underline">
                {c.lastRestorePreviewAt ? (
                  <>
                    previewed <Time iso={c.lastRestorePreviewAt} />
                    {typeof c.lastRestorePreviewSteps === 'number'
                      ? `, ${previewChanges(c.lastRestorePreviewSteps)}`
                      : ''}
                  </>
                ) : (
                  'Never previewed'
                )}
                <span className="sr-only"> (restore {c.name})</span>
              </Link>
            </TableCell>
            {(canBackup || canManage) && (
              <TableCell>
                <Form method="post" className="flex flex-wrap gap-2">
                  <input type="hidden" name="connectionId" value={c.id} />
                  {canBackup && (
                    <Button
                      type="submit"
                      name="intent"
                      value="backup"
                      size="sm"
                      disabled={!!c.paused}
                      title={c.paused ? 'Paused: resume it to back it up' : undefined}
                    >
                      Backup now<span className="sr-only"> {c.name}</span>
                    </Button>
                  )}
                  {canManage && (
                    <Button type="submit" name="intent" value="test" size="sm" variant="outline">
                      Test connection<span className="sr-only"> {c.name}</span>
                    </Button>
                  )}
                </Form>
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
