import { Card, CardContent, CardHeader, CardTitle } from '@butterfly/ui';

/**
 * How to point Okta and Microsoft Entra ID at Butterfly, next to the token they need; the full
 * guide is docs/guide/scim.md.
 */
export function ScimSetupSteps({ baseUrl }: { baseUrl: string }) {
  return (
    <section aria-labelledby="scim-setup-heading" className="flex flex-col gap-3">
      <h2 id="scim-setup-heading" className="text-xl font-semibold">
        Set up your identity provider
      </h2>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle asLevel="h3" size="sm">
              Okta
            </CardTitle>
          </CardHeader>
          <CardContent>
            <ol className="flex list-decimal flex-col gap-2 pl-5 text-sm text-slate-800 wrap-anywhere">
              <li>
                <em>Applications → Create App Integration</em>: a SAML 2.0 or SWA app (or Butterfly from the catalogue);
                on its <em>General</em> tab set
                <em> Provisioning</em> to <strong>SCIM</strong>.
              </li>
              <li>
                <em>Provisioning → Integration</em>: SCIM connector base URL <code>{baseUrl}</code>; unique identifier
                field for users <code>userName</code>.
              </li>
              <li>
                Authentication mode <strong>HTTP Header</strong>; in <em>Authorization</em> type <code>Bearer </code>{' '}
                followed by a token minted below. Click <em>Test Connector Configuration</em>.
              </li>
              <li>
                <em>Provisioning → To App</em>: enable <strong>Create Users</strong> (Push New Users),{' '}
                <strong>Update User Attributes</strong> (Push Profile Updates) and <strong>Deactivate Users</strong>.
              </li>
              <li>
                Roles: turn on entitlement management and grant each person one of the five roles Okta imports, or push
                a group and map it to a role (<code>pnpm butterfly scim-group-role set</code>). Then assign people.
              </li>
            </ol>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle asLevel="h3" size="sm">
              Microsoft Entra ID
            </CardTitle>
          </CardHeader>
          <CardContent>
            <ol className="flex list-decimal flex-col gap-2 pl-5 text-sm text-slate-800 wrap-anywhere">
              <li>
                <em>Enterprise applications → New application → Create your own application</em>; on its{' '}
                <em>Provisioning</em> page set the mode to <strong>Automatic</strong>.
              </li>
              <li>
                <em>Admin Credentials</em>: Tenant URL <code>{baseUrl}</code>; Secret Token: the token alone (Entra adds{' '}
                <code>Bearer</code>). Click <em>Test Connection</em>.
              </li>
              <li>
                <em>Mappings</em>: keep the matching attribute <code>userName</code> ← <code>userPrincipalName</code>.
              </li>
              <li>
                Roles: app roles with the values <code>super_admin</code>, <code>admin</code>,{' '}
                <code>backup_operator</code>, <code>auditor</code>, <code>read_only</code>, mapped by the expression{' '}
                <code>AppRoleAssignmentsComplex([appRoleAssignments])</code> to <code>roles</code> (someone with several
                roles gets the highest).
              </li>
              <li>
                Scope: <em>Sync only assigned users and groups</em>. Assign users and groups, set{' '}
                <em>Provisioning Status</em> to <strong>On</strong> and save.
              </li>
            </ol>
          </CardContent>
        </Card>
      </div>
      <p className="text-sm text-slate-700">
        Every option and error is in the SCIM chapter of the configuration guide (docs/guide/scim.md; Entra ID:
        docs/guide/entra.md).
      </p>
    </section>
  );
}
