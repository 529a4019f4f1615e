import { createHash, randomBytes } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, importSPKI, importX509 } from 'jose';
import { newGuid } from '../model/ids.ts';
import { hashSecret } from '../model/secrets.ts';
import type { TAppRegistration } from '../model/types.ts';
import type { Tenant } from '../store/tenant.ts';

export interface TRegisterApp {
  clientId?: string;
  displayName?: string;
  /** Set to choose the secret; omitted (and no certificate): one is generated and returned once. */
  secret?: string;
  /** PEM: an X.509 certificate (x5t = base64url SHA-1 of its DER) or an SPKI public key (x5t = JWK thumbprint). */
  certificate?: string;
  roles?: string[];
  redirectUris?: string[];
  logoutUrl?: string;
  /** Fixed object ids, so seeded apps keep theirs across starts. */
  appObjectId?: string;
  servicePrincipalId?: string;
}

async function certificateKey(pem: string) {
  if (pem.includes('BEGIN CERTIFICATE')) {
    const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
    return {
      key: await importX509(pem, 'RS256', { extractable: true }),
      thumbprint: createHash('sha1').update(der).digest('base64url'),
    };
  }
  const key = await importSPKI(pem, 'RS256', { extractable: true });
  return { key, thumbprint: await calculateJwkThumbprint(await exportJWK(key)) };
}

/**
 * An app registration: what the STS authenticates (secret hashes, certificate keys, granted
 * application permissions, redirect URIs, LogoutUrl), plus its `applications` and
 * `servicePrincipals` objects in Graph, secrets shown only by hint as Graph does.
 */
export async function registerApp(t: Tenant, input: TRegisterApp, now: Date) {
  const clientId = input.clientId ?? newGuid();
  if (t.apps.has(clientId)) throw new Error(`client ${clientId} is already registered in tenant ${t.id}`);
  const secret =
    input.secret ??
    (input.certificate ? undefined : `${randomBytes(3).toString('hex')}~${randomBytes(24).toString('base64url')}`);
  const cert = input.certificate ? await certificateKey(input.certificate) : undefined;
  const displayName = input.displayName ?? `App ${clientId.slice(0, 8)}`;
  const app: TAppRegistration = {
    clientId,
    displayName,
    appObjectId: input.appObjectId ?? newGuid(),
    servicePrincipalId: input.servicePrincipalId ?? newGuid(),
    secretHashes: secret ? [hashSecret(secret)] : [],
    certificates: cert ? [cert] : [],
    roles: input.roles ?? [],
    redirectUris: input.redirectUris ?? [],
    logoutUrl: input.logoutUrl,
  };
  t.apps.set(clientId, app);
  const end = new Date(now.getTime() + 365 * 86_400_000).toISOString();
  t.add('applications', {
    id: app.appObjectId,
    appId: clientId,
    displayName,
    createdDateTime: now.toISOString(),
    deletedDateTime: null,
    signInAudience: 'AzureADMyOrg',
    web: {
      redirectUris: app.redirectUris,
      logoutUrl: app.logoutUrl ?? null,
      implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: false },
    },
    passwordCredentials: secret
      ? [
          {
            keyId: newGuid(),
            displayName: 'sim secret',
            hint: secret.slice(0, 3),
            secretText: null,
            startDateTime: now.toISOString(),
            endDateTime: end,
          },
        ]
      : [],
    keyCredentials: cert
      ? [
          {
            keyId: newGuid(),
            customKeyIdentifier: cert.thumbprint,
            displayName: 'sim certificate',
            type: 'AsymmetricX509Cert',
            usage: 'Verify',
            key: null,
            startDateTime: now.toISOString(),
            endDateTime: end,
          },
        ]
      : [],
    requiredResourceAccess: app.roles.length
      ? [
          {
            resourceAppId: '00000003-0000-0000-c000-000000000000',
            resourceAccess: app.roles.map((r) => ({ id: newGuid(), type: 'Role', value: r })),
          },
        ]
      : [],
    optionalClaims: {
      idToken: [
        { name: 'email', essential: false },
        { name: 'xms_edov', essential: false },
        { name: 'sid', essential: false },
      ],
    },
  });
  t.add('servicePrincipals', {
    id: app.servicePrincipalId,
    appId: clientId,
    displayName,
    accountEnabled: true,
    appOwnerOrganizationId: t.id,
    servicePrincipalType: 'Application',
    servicePrincipalNames: [clientId],
    replyUrls: app.redirectUris,
    logoutUrl: app.logoutUrl ?? null,
    deletedDateTime: null,
    tags: ['WindowsAzureActiveDirectoryIntegratedApp'],
  });
  return {
    tenantId: t.id,
    clientId,
    secret,
    certificateThumbprint: cert?.thumbprint,
    appObjectId: app.appObjectId,
    servicePrincipalId: app.servicePrincipalId,
  };
}
