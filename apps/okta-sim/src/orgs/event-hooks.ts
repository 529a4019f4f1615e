import { randomUUID } from 'node:crypto';
import { type TSentRequest, send } from '../http/send.ts';
import type { Json } from '../model/types.ts';

/** What an event hook needs of its org: the stored hooks, the org's URL and clock. */
export interface THookOrg {
  url: string;
  now(): number;
  hooks(): Iterable<Json>;
}

/** How long events gather before one delivery carries them all (Okta batches too). */
const BATCH_MS = 100;
/** Deliveries kept for the control API and tests to look at. */
const KEPT = 200;

/** The headers Okta sends a hook: its configured ones, then the auth scheme's secret header. */
function hookHeaders(hook: Json): Record<string, string> {
  const config = hook.channel?.config ?? {};
  const headers: Record<string, string> = {};
  for (const h of config.headers ?? []) if (h?.key) headers[String(h.key)] = String(h.value ?? '');
  const scheme = config.authScheme;
  if (scheme?.type === 'HEADER' && scheme.key && scheme.value !== undefined) headers[scheme.key] = String(scheme.value);
  return headers;
}

/**
 * Okta event hooks, as Okta runs them: the one-time verification (a GET carrying
 * `X-Okta-Verification-Challenge` and the hook's headers, answered `{"verification": …}`), and
 * deliveries: System Log events of the types a hook subscribes to, batched for a moment and POSTed
 * to ACTIVE, VERIFIED hooks as `{ eventType: 'com.okta.event_hook', data: { events } }`.
 */
export class EventHookSender {
  readonly deliveries: (TSentRequest & { hookId: string; events: number })[] = [];
  private readonly pending = new Map<string, Json[]>();
  private timer: NodeJS.Timeout | undefined;
  private inFlight = new Set<Promise<unknown>>();

  constructor(private readonly org: THookOrg) {}

  /** Sends the challenge; true when the endpoint echoed it. */
  async verify(hook: Json): Promise<{ verified: boolean; sent: TSentRequest }> {
    const challenge = randomUUID();
    const sent = await send('GET', hook.channel?.config?.uri, {
      headers: { ...hookHeaders(hook), 'x-okta-verification-challenge': challenge },
    });
    const verified = sent.status === 200 && (sent.body as { verification?: unknown })?.verification === challenge;
    return { verified, sent };
  }

  /** A System Log event was recorded: queue it for each hook that subscribes to its type. */
  onEvent(event: Json) {
    for (const hook of this.org.hooks()) {
      if (hook.status !== 'ACTIVE' || hook.verificationStatus !== 'VERIFIED') continue;
      if (!(hook.events?.items ?? []).includes(event.eventType)) continue;
      const list = this.pending.get(hook.id) ?? [];
      list.push(event);
      this.pending.set(hook.id, list);
    }
    if (this.pending.size && !this.timer) {
      this.timer = setTimeout(() => this.flush(), BATCH_MS);
      this.timer.unref();
    }
  }

  /** Sends what is pending now (one delivery per hook); resolves when every delivery got its answer. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batches = [...this.pending];
    this.pending.clear();
    const hooks = new Map([...this.org.hooks()].map((h) => [h.id as string, h]));
    for (const [hookId, events] of batches) {
      const hook = hooks.get(hookId);
      if (!hook) continue;
      const p = this.deliver(hook, events);
      this.inFlight.add(p);
      p.finally(() => this.inFlight.delete(p));
    }
    await Promise.all([...this.inFlight]);
  }

  private async deliver(hook: Json, events: Json[]) {
    const body = {
      eventType: 'com.okta.event_hook',
      eventTypeVersion: '1.0',
      cloudEventsVersion: '0.1',
      source: `${this.org.url}/api/v1/eventHooks/${hook.id}`,
      eventId: randomUUID(),
      data: { events },
      eventTime: new Date(this.org.now()).toISOString(),
      contentType: 'application/json',
    };
    const sent = await send('POST', hook.channel?.config?.uri, {
      headers: { ...hookHeaders(hook), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    this.deliveries.push({ ...sent, hookId: hook.id, events: events.length });
    if (this.deliveries.length > KEPT) this.deliveries.splice(0, this.deliveries.length - KEPT);
  }
}
