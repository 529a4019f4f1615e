import { Badge, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@butterfly/ui';
import { Time } from '~/components/time.tsx';
import { ConfirmButton } from '../confirm-button.tsx';

export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  /** API tokens have a role and an expiry; SCIM tokens a revoked state. */
  detail?: string;
  expiresAt?: string | null;
  status: 'active' | 'expired' | 'revoked';
}

/** Tokens as lists show them: the recognisable prefix, never the secret; one revoke form per row. */
export function TokenTable({
  tokens,
  caption,
  detailHeading,
}: {
  tokens: TokenRow[];
  caption: string;
  detailHeading?: string;
}) {
  if (!tokens.length) return <p className="text-sm text-slate-700">No tokens yet.</p>;
  return (
    <Table>
      <caption className="sr-only">{caption}</caption>
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          <TableHead>Token</TableHead>
          {detailHeading && <TableHead>{detailHeading}</TableHead>}
          <TableHead>Created</TableHead>
          <TableHead>Last used</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {tokens.map((t) => (
          <TableRow key={t.id}>
            <TableCell>{t.name}</TableCell>
            <TableCell>
              <code className="font-mono text-sm">{t.prefix}…</code>
            </TableCell>
            {detailHeading && <TableCell>{t.detail}</TableCell>}
            <TableCell>
              <Time iso={t.createdAt} />
            </TableCell>
            <TableCell>{t.lastUsedAt ? <Time iso={t.lastUsedAt} /> : 'Never'}</TableCell>
            <TableCell>
              <Badge variant={t.status === 'active' ? 'success' : 'neutral'}>{t.status}</Badge>
              {t.status === 'active' && t.expiresAt && (
                <span className="ml-2 text-sm text-slate-700">
                  until <Time iso={t.expiresAt} />
                </span>
              )}
            </TableCell>
            <TableCell>
              {t.status !== 'revoked' && (
                <ConfirmButton
                  label="Revoke"
                  intent="revoke"
                  subject={t.name}
                  field={{ name: 'tokenId', value: t.id }}
                  title={`Revoke ${t.name}?`}
                  description="Whatever uses this token is refused from its next request. A revoked token cannot be used again."
                />
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
