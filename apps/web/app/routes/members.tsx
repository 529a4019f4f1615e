import { ROLES, type Role } from '@butterfly/domain/permissions';
import {
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  Table,
  TableBody,
  TableHead,
  TableHeader,
  TableRow,
} from '@butterfly/ui';
import type { MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { MemberRow } from '~/components/member-row.tsx';
import { ActionNotices } from '~/components/action-notices.tsx';
import { authedAction, authedLoader } from '~/utils/authed-route.server.ts';

export const meta: MetaFunction = () => [{ title: 'Members · Butterfly' }];

export const loader = authedLoader(async ({ caller, member: me }) => {
  const [members, self] = await Promise.all([caller.members.list(), caller.me.get()]);
  return {
    members,
    viewerId: me.memberId,
    canManage: self.permissions.includes('member.manage'),
    // Moving anyone to or from super_admin takes tenant.manage (roles.md).
    canGrantSuper: self.permissions.includes('tenant.manage'),
    // Sent from here: the page must not import the domain package into the browser bundle.
    roles: ROLES.filter((r) => r !== 'super_admin' || self.permissions.includes('tenant.manage')),
  };
});

export const action = authedAction(async ({ caller, form, intent }) => {
  const memberId = String(form.get('memberId') ?? '');
  if (intent === 'deactivate') {
    const m = await caller.members.deactivate({ memberId });
    return { ok: `${m.email} is deactivated and signed out everywhere.` };
  }
  const role = String(form.get('role') ?? '') as Role;
  const m = await caller.members.setRole({ memberId, role });
  return { ok: `${m.email} is now ${m.role}.` };
});

export default function Members() {
  const { members, viewerId, canManage, canGrantSuper, roles } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-3xl font-semibold tracking-tight">Members</h1>
      <ActionNotices result={result} />
      <Card>
        <CardHeader>
          <CardTitle>People in this organisation</CardTitle>
          <CardDescription>
            New people join at read_only when they first sign in. Roles your identity provider manages (SCIM) change
            only there.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Member</TableHead>
                <TableHead>Role</TableHead>
                <TableHead>Role from</TableHead>
                <TableHead>Status</TableHead>
                {canManage && <TableHead>Actions</TableHead>}
              </TableRow>
            </TableHeader>
            <TableBody>
              {members.map((m) => (
                <MemberRow
                  key={m.id}
                  member={m}
                  roles={roles}
                  canManage={canManage}
                  canGrantSuper={canGrantSuper}
                  isSelf={m.id === viewerId}
                />
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
    </div>
  );
}
