import { WEBHOOK_EVENTS } from '@butterfly/domain/webhooks';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@butterfly/ui';
import type { MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { ActionNotices } from '~/components/action-notices.tsx';
import { Notice } from '~/components/notice.tsx';
import { CreateWebhookCard } from '~/components/webhooks/create-webhook-card.tsx';
import { DeliveriesTable } from '~/components/webhooks/deliveries-table.tsx';
import { TestOutcome } from '~/components/webhooks/test-outcome.tsx';
import { WebhooksTable } from '~/components/webhooks/webhooks-table.tsx';
import { formText } from '~/utils/form-text.ts';
import { authedAction, authedLoader } from '~/utils/authed-route.server.ts';

export const meta: MetaFunction = () => [{ title: 'Alerts · Butterfly' }];

export const loader = authedLoader(async ({ caller }) => {
  const [webhooks, deliveries, me] = await Promise.all([
    caller.webhooks.list(),
    caller.webhooks.deliveries({ limit: 50 }),
    caller.me.get(),
  ]);
  return { webhooks, deliveries, events: WEBHOOK_EVENTS, canManage: me.permissions.includes('schedule.manage') };
});

export const action = authedAction(async ({ caller, form, intent }) => {
  if (intent === 'test') {
    const { deliveryId } = await caller.webhooks.test({ webhookId: formText(form, 'webhookId') });
    return { intent, testDeliveryId: deliveryId };
  }
  if (intent === 'remove') {
    await caller.webhooks.remove({ webhookId: formText(form, 'webhookId') });
    return { intent, ok: 'Webhook removed.' };
  }
  const objectTypes = formText(form, 'objectTypes')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const events = form.getAll('events').map(String) as (typeof WEBHOOK_EVENTS)[number][];
  const kind = (formText(form, 'kind') || 'webhook') as 'webhook';
  const digest = (formText(form, 'digest') || 'immediate') as 'immediate';
  const created = await caller.webhooks.create({
    name: formText(form, 'name'),
    kind,
    url: formText(form, 'url'),
    events,
    objectTypes,
    digest,
  });
  return { intent, created: { name: created.webhook.name, secret: created.secret } };
});

export default function Webhooks() {
  const { webhooks, deliveries, events, canManage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const created = result && 'created' in result ? result.created : undefined;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-3xl font-semibold tracking-tight">Alerts</h1>
      {created?.secret && (
        <Notice
          tone="warning"
          role="status"
          title={`${created.name} added. Copy its signing secret now: it is not shown again.`}
        >
          <p className="mt-2">
            <code className="rounded bg-white px-2 py-1 font-mono text-sm break-all" data-testid="webhook-secret">
              {created.secret}
            </code>
          </p>
          <p className="mt-2">Receivers verify the X-Butterfly-Signature header with it (see the backups guide).</p>
        </Notice>
      )}
      {created && !created.secret && (
        <Notice
          tone="success"
          role="status"
          title={`${created.name} added. Use “Send a test” to check that messages arrive.`}
        />
      )}
      {result && 'testDeliveryId' in result && result.testDeliveryId && (
        <TestOutcome key={result.testDeliveryId} deliveryId={result.testDeliveryId} deliveries={deliveries} />
      )}
      <ActionNotices result={result} />
      <Card>
        <CardHeader>
          <CardTitle>Channels</CardTitle>
          <CardDescription>
            Where Butterfly sends alerts (signed webhooks, Slack, email) when a backup fails, watched objects change or
            a credential expires.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {webhooks.length ? (
            <WebhooksTable webhooks={webhooks} canManage={canManage} />
          ) : (
            <p className="text-sm text-slate-700">No channels yet.</p>
          )}
        </CardContent>
      </Card>
      {canManage && (
        <CreateWebhookCard
          key={created?.name ?? 'create'}
          events={events}
          errors={result && 'fields' in result ? result.fields : undefined}
        />
      )}
      <Card>
        <CardHeader>
          <CardTitle>Delivery log</CardTitle>
          <CardDescription>Failed attempts are retried with growing delays, for about half an hour.</CardDescription>
        </CardHeader>
        <CardContent>
          <DeliveriesTable deliveries={deliveries} />
        </CardContent>
      </Card>
    </div>
  );
}
