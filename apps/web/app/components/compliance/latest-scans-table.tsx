import { Button, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@butterfly/ui';
import { Form, Link, useNavigation } from '@remix-run/react';
import { Time } from '~/components/time.tsx';
import { describeActor } from '~/utils/labels.ts';

export interface ScanRow {
  id: string;
  connectionId: string;
  connectionName: string;
  snapshotId: string;
  snapshotTakenAt: string;
  startedBy: string;
  finishedAt: string;
  rulesetVersion: string;
  counts: { PASS: number; FAIL: number; MANUAL: number; NOT_APPLICABLE: number; accepted?: number };
  score: number | null;
}

export const scoreText = (s: number | null) => (s === null ? '—' : `${s}%`);

/** Each connection's latest scan: counts, score, a scan of its latest snapshot and its evidence bundle. */
export function LatestScansTable({
  scans,
  canRun,
  canExport,
  framework,
}: {
  scans: ScanRow[];
  canRun: boolean;
  canExport: boolean;
  framework?: string;
}) {
  const nav = useNavigation();
  const running = nav.state !== 'idle' ? nav.formData?.get('connectionId') : null;
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Connection</TableHead>
          <TableHead>Snapshot</TableHead>
          <TableHead>Pass</TableHead>
          <TableHead>Fail</TableHead>
          <TableHead>Manual</TableHead>
          <TableHead>N/A</TableHead>
          <TableHead>Score</TableHead>
          {(canRun || canExport) && <TableHead>Actions</TableHead>}
        </TableRow>
      </TableHeader>
      <TableBody>
        {scans.map((s) => (
          <TableRow key={s.id}>
            <TableCell>
              <Link to={`/connections/${s.connectionId}`} className="font-medium text-indigo-700 underline">
                {s.connectionName}
              </Link>
            </TableCell>
            <TableCell>
              <Time iso={s.snapshotTakenAt} />
              <span className="block text-xs text-slate-600">
                scanned <Time iso={s.finishedAt} /> by {describeActor(s.startedBy)}
              </span>
            </TableCell>
            <TableCell className="tabular-nums">{s.counts.PASS}</TableCell>
            <TableCell className="tabular-nums">
              {s.counts.FAIL > 0 ? (
                <Link
                  to={`/compliance/findings?${new URLSearchParams({ result: 'FAIL', connection: s.connectionId })}`}
                  className="text-indigo-700 underline"
                >
                  {s.counts.FAIL}
                  <span className="sr-only"> failing rules on {s.connectionName}</span>
                </Link>
              ) : (
                s.counts.FAIL
              )}
              {s.counts.accepted ? (
                <Link to="/compliance/exceptions" className="block text-xs text-slate-700 underline">
                  {s.counts.accepted} accepted<span className="sr-only"> by exceptions on {s.connectionName}</span>
                </Link>
              ) : null}
            </TableCell>
            <TableCell className="tabular-nums">{s.counts.MANUAL}</TableCell>
            <TableCell className="tabular-nums">{s.counts.NOT_APPLICABLE}</TableCell>
            <TableCell className="tabular-nums">{scoreText(s.score)}</TableCell>
            {(canRun || canExport) && (
              <TableCell>
                <div className="flex flex-wrap items-center gap-2">
                  {canRun && (
                    <Form method="post">
                      <input type="hidden" name="intent" value="run" />
                      <input type="hidden" name="connectionId" value={s.connectionId} />
                      <Button
                        type="submit"
                        size="sm"
                        variant="outline"
                        disabled={running === s.connectionId}
                        aria-label={`Run scan ${s.connectionName}`}
                      >
                        {running === s.connectionId ? 'Queuing…' : 'Run scan'}
                      </Button>
                    </Form>
                  )}
                  {canExport && (
                    <a
                      href={`/evidence/${s.id}${framework ? `?framework=${framework}` : ''}`}
                      download
                      className="text-sm text-indigo-700 underline"
                    >
                      Evidence bundle<span className="sr-only"> of {s.connectionName}</span>
                    </a>
                  )}
                </div>
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
