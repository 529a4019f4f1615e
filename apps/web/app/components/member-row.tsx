import type { MemberView } from '@butterfly/domain/members';
import type { Role } from '@butterfly/domain/permissions';
import { Badge, Button, TableCell, TableRow } from '@butterfly/ui';
import { Form } from '@remix-run/react';
import { ConfirmButton } from './confirm-button.tsx';
import { SelectField } from './form-field.tsx';

const SOURCE = {
  scim: { label: 'Identity provider (SCIM)', variant: 'info' },
  jit: { label: 'First sign-in', variant: 'neutral' },
  manual: { label: 'Set here', variant: 'neutral' },
  directory: { label: 'Google groups (directory sync)', variant: 'info' },
} as const;

type Props = {
  member: Pick<MemberView, 'id' | 'email' | 'displayName' | 'role' | 'roleSource' | 'active'>;
  roles: readonly Role[];
  canManage: boolean;
  canGrantSuper: boolean;
  isSelf: boolean;
};

/** One member: role (editable when allowed), where the role comes from, status, deactivate. */
export function MemberRow({ member: m, roles, canManage, canGrantSuper, isSelf }: Props) {
  const scim = m.roleSource === 'scim' || m.roleSource === 'directory';
  // Not one's own role: a slip of the select must not lock the last admin out.
  const editable = canManage && m.active && !scim && !isSelf && (m.role !== 'super_admin' || canGrantSuper);
  return (
    <TableRow>
      <TableCell>
        <div className="font-medium">{m.email}</div>
        {m.displayName && <div className="text-slate-600">{m.displayName}</div>}
      </TableCell>
      <TableCell>
        {editable ? (
          <Form method="post" className="flex items-center gap-2">
            <input type="hidden" name="memberId" value={m.id} />
            <input type="hidden" name="intent" value="setRole" />
            <SelectField name="role" defaultValue={m.role} aria-label={`Role of ${m.email}`}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </SelectField>
            <Button type="submit" size="sm" variant="outline">
              Save<span className="sr-only"> role of {m.email}</span>
            </Button>
          </Form>
        ) : (
          <span className="flex items-center gap-2">
            {m.role}
            {scim && <Badge variant="warning">read-only</Badge>}
          </span>
        )}
      </TableCell>
      <TableCell>
        <Badge variant={SOURCE[m.roleSource].variant}>{SOURCE[m.roleSource].label}</Badge>
      </TableCell>
      <TableCell>
        {m.active ? <Badge variant="success">Active</Badge> : <Badge variant="danger">Deactivated</Badge>}
      </TableCell>
      {canManage && (
        <TableCell>
          {m.active && !isSelf && (m.role !== 'super_admin' || canGrantSuper) && (
            <ConfirmButton
              label="Deactivate"
              intent="deactivate"
              subject={m.email}
              field={{ name: 'memberId', value: m.id }}
              title={`Deactivate ${m.email}?`}
              description="They are signed out everywhere at once and cannot sign in again until reactivated by your identity provider."
            />
          )}
        </TableCell>
      )}
    </TableRow>
  );
}
