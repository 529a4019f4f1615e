import type { WebhookView } from '@butterfly/domain/webhooks';
import { Badge, Button, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@butterfly/ui';
import { Form } from '@remix-run/react';
import { ConfirmButton } from '../confirm-button.tsx';
import { Time } from '~/components/time.tsx';
import { objectTypeLabel } from '~/utils/labels.ts';

export type WebhookRow = WebhookView & { lastDelivery: { status: string; at: string; error: string | null } | null };

const DELIVERY = {
  delivered: 'success',
  pending: 'info',
  failed: 'danger',
  waiting: 'neutral',
  batched: 'neutral',
} as const;
const KIND_LABEL = { webhook: 'Webhook', slack: 'Slack', email: 'Email' } as const;

export function WebhooksTable({ webhooks, canManage }: { webhooks: WebhookRow[]; canManage: boolean }) {
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Channel</TableHead>
          <TableHead>Events</TableHead>
          <TableHead>Watched types</TableHead>
          <TableHead>Last delivery</TableHead>
          {canManage && <TableHead>Actions</TableHead>}
        </TableRow>
      </TableHeader>
      <TableBody>
        {webhooks.map((w) => (
          <TableRow key={w.id}>
            <TableCell>
              <div className="font-medium">
                {w.name}{' '}
                <Badge variant="neutral">
                  {KIND_LABEL[w.kind]}
                  {w.digest === 'daily' ? ', daily digest' : ''}
                </Badge>
              </div>
              {/* Only roles that manage webhooks get the URL (its path may be a secret); others see the host. */}
              <div className="max-w-xs truncate text-slate-600" title={w.url ?? w.host}>
                {w.url ?? w.host}
              </div>
            </TableCell>
            <TableCell>{w.events.join(', ')}</TableCell>
            <TableCell>
              {w.events.includes('objects.changed')
                ? w.objectTypes.map(objectTypeLabel).join(', ') || 'every type'
                : '—'}
            </TableCell>
            <TableCell>
              {w.lastDelivery ? (
                <>
                  <Badge variant={DELIVERY[w.lastDelivery.status as keyof typeof DELIVERY] ?? 'neutral'}>
                    {w.lastDelivery.status}
                  </Badge>
                  <div className="text-xs text-slate-600">
                    <Time iso={w.lastDelivery.at} />
                  </div>
                </>
              ) : (
                'None yet'
              )}
            </TableCell>
            {canManage && (
              <TableCell>
                <div className="flex flex-wrap gap-2">
                  <Form method="post">
                    <input type="hidden" name="webhookId" value={w.id} />
                    <Button type="submit" name="intent" value="test" size="sm" variant="outline">
                      Send a test<span className="sr-only"> to {w.name}</span>
                    </Button>
                  </Form>
                  <ConfirmButton
                    label="Remove"
                    intent="remove"
                    subject={w.name}
                    field={{ name: 'webhookId', value: w.id }}
                    title={`Remove the channel ${w.name}?`}
                    description="Alerts stop going to it, and its delivery log is deleted."
                  />
                </div>
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
