import { ConfirmButton } from '~/components/confirm-button.tsx';
import { Time } from '~/components/time.tsx';

export interface BreakGlassRow {
  oktaUserId: string;
  login: string | null;
  displayName: string | null;
  addedBy: string;
  addedAt: string;
}

/** The declared break-glass accounts, by login; a remove button (asked again) for those who may change them. */
export function BreakGlassTable({ rows, canManage }: { rows: BreakGlassRow[]; canManage: boolean }) {
  if (rows.length === 0)
    return <p className="text-sm text-slate-700">No break-glass accounts are declared for this connection.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Break-glass accounts</caption>
        <thead className="border-b border-slate-200 text-slate-700">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">
              Account
            </th>
            <th scope="col" className="py-2 pr-4 font-medium">
              Declared
            </th>
            {canManage && (
              <th scope="col" className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const who = r.login ?? r.oktaUserId;
            return (
              <tr key={r.oktaUserId} className="border-b border-slate-100 align-top">
                <td className="py-2 pr-4">
                  <div className="break-all font-medium text-slate-900">{who}</div>
                  <div className="text-slate-700">
                    {r.displayName ? `${r.displayName} · ` : ''}
                    <span className="font-mono text-xs">{r.oktaUserId}</span>
                  </div>
                </td>
                <td className="py-2 pr-4 text-slate-700">
                  <Time iso={r.addedAt} />
                  <div className="break-all">{r.addedBy}</div>
                </td>
                {canManage && (
                  <td className="py-2">
                    <ConfirmButton
                      label="Remove"
                      intent="remove"
                      subject={who}
                      field={{ name: 'user', value: r.oktaUserId }}
                      title={`Remove ${who} from break-glass accounts?`}
                      description="From the next scan, policy rules meant only for this account count in MFA and session coverage again, and the break-glass checks no longer judge it."
                    />
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
