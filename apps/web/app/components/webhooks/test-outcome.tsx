import { useRevalidator } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { Notice } from '~/components/notice.tsx';
import type { DeliveryRow } from './deliveries-table.tsx';

const POLL_MS = 2_000;
const MAX_POLLS = 20;

/**
 * The outcome of "Send a test": while its delivery is pending the page reloads its data every two
 * seconds (for up to 40 s), then says whether it was delivered or why it failed. Without JavaScript
 * the notice says it is queued, and the delivery log shows the outcome on the next load.
 */
export function TestOutcome({ deliveryId, deliveries }: { deliveryId: string; deliveries: DeliveryRow[] }) {
  const d = deliveries.find((x) => x.id === deliveryId);
  const { revalidate, state } = useRevalidator();
  const polls = useRef(0);
  const pending = !d || d.status === 'pending';
  useEffect(() => {
    if (!pending || state !== 'idle' || polls.current >= MAX_POLLS) return;
    const t = setTimeout(() => {
      polls.current++;
      revalidate();
    }, POLL_MS);
    return () => clearTimeout(t);
  }, [pending, state, revalidate]);
  if (d?.status === 'delivered')
    return <Notice tone="success" role="status" title={`Test sent to ${d.webhookName}: delivered.`} />;
  if (d?.status === 'failed')
    return (
      <Notice tone="danger" role="alert" title={`Test to ${d.webhookName} failed.`}>
        <p className="mt-1 break-words">{d.lastError ?? 'No error recorded.'}</p>
      </Notice>
    );
  const waiting =
    polls.current >= MAX_POLLS
      ? 'Still not tried: is the worker running? The delivery log below shows the outcome when it is.'
      : 'Sending the test… its outcome appears here in a moment.';
  return <Notice tone="info" role="status" title={waiting} />;
}
