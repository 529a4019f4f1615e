import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@butterfly/ui';
import { Link } from '@remix-run/react';
import { objectHref } from '~/components/backups/object-link.ts';

export interface EffectiveSettingRow {
  type: string;
  value?: unknown;
  policyIds: string[];
  from: string;
  inherited: boolean;
}

/**
 * An org unit's or group's effective Google settings (decision 065) beside its raw JSON: each
 * setting's value and where the deciding policy is set, linking to that policy in the same snapshot.
 */
export function EffectiveSettingsTable({
  connectionId,
  snapshotId,
  name,
  rows,
}: {
  connectionId: string;
  snapshotId: string;
  name: string;
  rows: EffectiveSettingRow[];
}) {
  if (!rows.length)
    return <p className="text-sm text-slate-700">No policy of its own: its members follow their org units.</p>;
  return (
    <Table aria-label={`Effective settings of ${name}`}>
      <TableHeader>
        <TableRow>
          <TableHead>Setting</TableHead>
          <TableHead>Value</TableHead>
          <TableHead>From</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.type}>
            <TableCell>
              <code className="text-xs">{r.type}</code>
            </TableCell>
            <TableCell>
              <code className="break-all text-xs">{JSON.stringify(r.value ?? null)}</code>
            </TableCell>
            <TableCell className="whitespace-nowrap text-sm">
              {r.policyIds.length === 1 ? (
                <Link
                  to={objectHref(connectionId, snapshotId, 'policy', r.policyIds[0]!)}
                  className="text-indigo-700 underline"
                >
                  {r.inherited ? `Inherited from ${r.from}` : 'Set here'}
                </Link>
              ) : r.inherited ? (
                `Inherited from ${r.from}`
              ) : (
                `Set here (${r.policyIds.length} policies)`
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
