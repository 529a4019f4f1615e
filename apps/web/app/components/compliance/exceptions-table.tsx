import { Button } from '@butterfly/ui';
import { Form, Link } from '@remix-run/react';
import { ConfirmButton } from '~/components/confirm-button.tsx';
import { Time } from '~/components/time.tsx';

export interface ExceptionRow {
  id: string;
  connectionId: string;
  ruleId: string;
  scope: { objectType: string; objectId: string } | null;
  rationale: string;
  expiresAt: string;
  status: string;
  requestedBy: string;
  requestedAt: string;
  approvedBy: string | null;
  closedBy: string | null;
  closeReason: string | null;
}

const STATUS: Record<string, string> = {
  requested: 'Awaiting approval',
  active: 'Active',
  rejected: 'Rejected',
  revoked: 'Revoked',
  expired: 'Expired',
};

/** The tenant's exceptions with what each member may do with them (decision 038). */
export function ExceptionsTable({
  rows,
  connectionNames,
  canApprove,
  canRevoke,
  me,
}: {
  rows: ExceptionRow[];
  connectionNames: Record<string, string>;
  canApprove: boolean;
  canRevoke: boolean;
  me: string;
}) {
  if (rows.length === 0)
    return <p className="text-sm text-slate-700">No exceptions yet. Request one from a failing rule's page.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Compliance exceptions</caption>
        <thead className="border-b border-slate-200 text-slate-700">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">
              Finding
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Rationale
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Status
            </th>
            <th scope="col" className="py-2 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const subject = `${r.ruleId} on ${connectionNames[r.connectionId] ?? 'a connection'}`;
            const open = r.status === 'requested' || r.status === 'active';
            // Nobody approves their own request (the API refuses it too: SELF_APPROVAL).
            const decide = canApprove && r.status === 'requested' && r.requestedBy !== me;
            return (
              <tr key={r.id} className="border-b border-slate-100 align-top">
                <td className="py-2 pr-4">
                  <Link
                    to={`/compliance/rules/${encodeURIComponent(r.ruleId)}?connection=${r.connectionId}`}
                    className="font-medium text-indigo-700 underline"
                  >
                    {r.ruleId}
                  </Link>
                  <div className="text-slate-700">{connectionNames[r.connectionId] ?? r.connectionId}</div>
                  <div className="break-all text-slate-700">
                    {r.scope ? `${r.scope.objectType} ${r.scope.objectId}` : 'Whole rule'}
                  </div>
                </td>
                <td className="py-2 pr-4 break-words">
                  {r.rationale}
                  <div className="text-slate-700">
                    Asked by <span className="break-all">{r.requestedBy}</span>
                    {r.approvedBy ? (
                      <>
                        , approved by <span className="break-all">{r.approvedBy}</span>
                      </>
                    ) : null}
                  </div>
                </td>
                <td className="py-2 pr-4">
                  <div className="font-medium text-slate-900">{STATUS[r.status] ?? r.status}</div>
                  <div className="text-slate-700">
                    {r.status === 'expired' ? 'Expired' : 'Until'} <Time iso={r.expiresAt} />
                  </div>
                  {r.closeReason && <div className="text-slate-700">{r.closeReason}</div>}
                </td>
                <td className="py-2">
                  <div className="flex flex-wrap gap-2">
                    {canApprove && r.status === 'requested' && !decide && (
                      <p className="text-slate-700">Another member approves your request.</p>
                    )}
                    {decide && (
                      <Form method="post">
                        <input type="hidden" name="id" value={r.id} />
                        <Button type="submit" name="intent" value="approve" size="sm" aria-label={`Approve ${subject}`}>
                          Approve
                        </Button>
                      </Form>
                    )}
                    {decide && (
                      <ConfirmButton
                        label="Reject"
                        intent="reject"
                        subject={subject}
                        field={{ name: 'id', value: r.id }}
                        title={`Reject the exception for ${subject}?`}
                        description="The request is closed; the finding counts as before. Whoever asked can request a new one."
                      />
                    )}
                    {canRevoke && open && (
                      <ConfirmButton
                        label="Revoke"
                        intent="revoke"
                        subject={subject}
                        field={{ name: 'id', value: r.id }}
                        title={`Revoke the exception for ${subject}?`}
                        description="From the next scan the finding is no longer accepted. Accepting it again needs a new request and approval."
                      />
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
