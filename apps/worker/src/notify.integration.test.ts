import { type IncomingMessage, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@butterfly/config';
import { sql } from '@butterfly/db';
import { useTestDatabase } from '@butterfly/db/testing';
import { addConnection } from '@butterfly/domain/connections';
import { createWebhook, testWebhook } from '@butterfly/domain/webhooks';
import { fakeIdp, seedTenant, testDeps } from '@butterfly/domain/testing';
import { type JobRuntime, buildTaskList, enqueue, jobQueue } from '@butterfly/jobs';
import { runMigrations, runTaskListOnce } from 'graphile-worker';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerPool, graphileLogger } from './runner.ts';

/**
 * Notification channels end to end (decision 039): Slack messages POSTed to a receiver on
 * 127.0.0.1, emails sent through SMTP to a real SMTP server (smtp-server) this test starts, and the
 * daily digest batching a day's alerts into one mail.
 */
const { db, url } = await useTestDatabase();
const log = createLogger('notify-test', 'silent');
const pgPool = createWorkerPool(url, { max: 4, log });
const deps = { ...testDeps(db), jobs: jobQueue };

const posted: { headers: IncomingMessage['headers']; body: string }[] = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    posted.push({ headers: req.headers, body });
    res.writeHead(200).end('ok');
  });
});

interface Mail {
  from: string;
  to: string[];
  user: string | undefined;
  raw: string;
}
const mails: Mail[] = [];
const smtp = new SMTPServer({
  disabledCommands: ['STARTTLS'],
  allowInsecureAuth: true,
  logger: false,
  onAuth(auth, _session, cb) {
    if (auth.username === 'alerts' && auth.password === 'smtp-pass-for-tests') return cb(null, { user: auth.username });
    return cb(new Error('Invalid username or password'));
  },
  onData(stream, session, cb) {
    let raw = '';
    stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    stream.on('end', () => {
      mails.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((r) => r.address),
        user: session.user as string | undefined,
        raw,
      });
      cb();
    });
  },
});

let hookUrl = '';
let smtpUrl = '';
beforeAll(async () => {
  await runMigrations({ pgPool, logger: graphileLogger(log) });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/services/T000/B000/slack-secret-path`;
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  smtpUrl = `smtp://alerts:smtp-pass-for-tests@127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await pgPool.end();
  await new Promise((r) => receiver.close(r));
  await new Promise<void>((r) => smtp.close(() => r()));
});

let failing = false;
const passwordPolicy = (minLength: number) => ({
  type: 'policy.PASSWORD',
  id: '00p1',
  body: { id: '00p1', name: 'Default', status: 'ACTIVE', settings: { password: { complexity: { minLength } } } },
});
let orgObjects: { type: string; id: string; body: Record<string, unknown> }[] = [
  { type: 'group', id: '00g1', body: { id: '00g1', profile: { name: 'Everyone' } } },
];
function tasks(mail: JobRuntime['mail']) {
  const rt: JobRuntime = {
    db,
    keyring: deps.keyring,
    log,
    jobs: jobQueue,
    idpClientFor: () => fakeIdp(orgObjects, failing ? { failAfter: 0 } : {}),
    allowPrivateUrls: true,
    appUrl: 'http://localhost:3000',
    mail,
  };
  const all = buildTaskList(rt);
  return {
    backup: all.backup!,
    'webhook.deliver': all['webhook.deliver']!,
    'notify.digest': all['notify.digest']!,
    compliance_scan: all.compliance_scan!,
  };
}
/** Runs every due job once; `mail: null` runs them with no SMTP settings. */
async function runJobs(mail: JobRuntime['mail'] | null = { url: smtpUrl, from: 'butterfly@alerts.example.com' }) {
  const client = await pgPool.connect();
  try {
    await runTaskListOnce({ logger: graphileLogger(log) }, tasks(mail ?? undefined), client);
  } finally {
    client.release();
  }
}

const hexBytes = (m: string) => Buffer.from(m.replace(/=/g, ''), 'hex').toString('utf8');
/** A raw message's bodies, decoded: quoted-printable soft breaks and escapes (UTF-8). */
const decode = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/(?:=[0-9A-F]{2})+/g, hexBytes);
/** One header, unfolded, its MIME encoded words (RFC 2047, Q or B) decoded. */
function header(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/, 1)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const value = head
    .split(/\r?\n/)
    .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}: `))
    ?.slice(name.length + 2);
  return value
    ?.replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_m, enc: string, s: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(s, 'base64').toString('utf8')
        : s.replace(/_/g, ' ').replace(/(?:=[0-9A-F]{2})+/gi, hexBytes),
    );
}

async function tenantWithConnection() {
  const t = await seedTenant(deps);
  const { id: connectionId } = await addConnection(deps, t.id, {
    name: 'okta <prod>',
    orgUrl: 'https://acme.okta.com',
    credentials: { kind: 'ssws', token: 'ssws-token-for-tests' },
  });
  const backup = () =>
    jobQueue.enqueue(
      db,
      'backup',
      { tenantId: t.id, connectionId, trigger: 'manual' },
      { jobKey: `backup:${connectionId}` },
    );
  return { tenantId: t.id, connectionId, backup };
}
const deliveriesOf = (webhookId: string) =>
  db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId).orderBy('created_at').execute();
const dropBackupJobs = () =>
  sql`delete from graphile_worker._private_jobs where task_id = (select id from graphile_worker._private_tasks where identifier = 'backup')`.execute(
    db,
  );

describe('notification channels', () => {
  it('Slack: a failed backup is POSTed as Block Kit with its text fallback, unsigned and without the details object', async () => {
    const s = await tenantWithConnection();
    const { webhook, secret } = await createWebhook(deps, s.tenantId, {
      name: 'ops-slack',
      kind: 'slack',
      url: hookUrl,
      events: ['backup.failed'],
    });
    expect(secret).toBeNull();
    failing = true;
    posted.length = 0;
    await s.backup();
    await runJobs();
    await dropBackupJobs();
    await runJobs();
    expect(await deliveriesOf(webhook.id)).toEqual([
      expect.objectContaining({ event: 'backup.failed', status: 'delivered', last_status_code: 200 }),
    ]);
    expect(posted).toHaveLength(1);
    const body = JSON.parse(posted[0]!.body);
    expect(Object.keys(body).sort()).toEqual(['blocks', 'text']);
    expect(body.text).toBe('Butterfly: the backup of okta <prod> failed (it will be retried)');
    expect(body.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: body.text } });
    expect(posted[0]!.headers['x-butterfly-signature']).toBeUndefined();
    expect(posted[0]!.headers['content-type']).toBe('application/json');
  });

  it('email: an alert reaches the SMTP server with a plain subject and escaped text and HTML bodies, no remote images', async () => {
    const s = await tenantWithConnection();
    const { webhook } = await createWebhook(deps, s.tenantId, {
      name: 'ops-mail',
      kind: 'email',
      url: 'oncall@customer.example.com',
      events: ['backup.failed'],
    });
    failing = true;
    mails.length = 0;
    await s.backup();
    await runJobs();
    await dropBackupJobs();
    await runJobs();
    expect(await deliveriesOf(webhook.id)).toEqual([
      expect.objectContaining({ event: 'backup.failed', status: 'delivered', attempts: 1 }),
    ]);
    expect(mails).toHaveLength(1);
    const m = mails[0]!;
    expect(m).toMatchObject({
      from: 'butterfly@alerts.example.com',
      to: ['oncall@customer.example.com'],
      user: 'alerts',
    });
    expect(header(m.raw, 'Subject')).toBe('Butterfly: the backup of okta <prod> failed (it will be retried)');
    expect(header(m.raw, 'X-Butterfly-Event')).toBe('backup.failed');
    const text = decode(m.raw);
    expect(text).toContain('Content-Type: text/plain');
    expect(text).toContain('https://acme.okta.com, attempt 1');
    expect(text).toContain('Content-Type: text/html');
    // The connection's name is escaped in the HTML body, never markup; nothing remote is loaded.
    expect(text).toContain('okta &lt;prod&gt;');
    expect(text).not.toMatch(/<img|<script|src=/i);
  });

  it('email: without SMTP settings the delivery fails once, saying so, and nothing is sent', async () => {
    const s = await tenantWithConnection();
    const { webhook } = await createWebhook(deps, s.tenantId, {
      name: 'ops-mail',
      kind: 'email',
      url: 'oncall@customer.example.com',
      events: ['backup.failed'],
    });
    mails.length = 0;
    await testWebhook(deps, s.tenantId, { webhookId: webhook.id });
    await runJobs(null);
    expect(await deliveriesOf(webhook.id)).toEqual([
      expect.objectContaining({
        event: 'webhook.test',
        status: 'failed',
        attempts: 1,
        last_error: 'email is not configured (SMTP_URL, SMTP_FROM)',
      }),
    ]);
    expect(mails).toEqual([]);
  });

  it('email: wrong SMTP credentials fail the delivery without the password in its error', async () => {
    const s = await tenantWithConnection();
    const { webhook } = await createWebhook(deps, s.tenantId, {
      name: 'ops-mail',
      kind: 'email',
      url: 'oncall@customer.example.com',
      events: ['backup.failed'],
    });
    await testWebhook(deps, s.tenantId, { webhookId: webhook.id });
    const wrong = smtpUrl.replace('smtp-pass-for-tests', 'wrong-pass-123');
    await runJobs({ url: wrong, from: 'butterfly@alerts.example.com' });
    const [d] = await deliveriesOf(webhook.id);
    expect(d).toMatchObject({ status: 'failed', last_error: expect.stringMatching(/^email not sent: /) });
    expect(d!.last_error).not.toContain('wrong-pass-123');
  });

  it('the test button sends a test through an email channel at once, even with a daily digest', async () => {
    const s = await tenantWithConnection();
    const { webhook } = await createWebhook(deps, s.tenantId, {
      name: 'digest-mail',
      kind: 'email',
      digest: 'daily',
      url: 'team@customer.example.com',
      events: ['backup.failed'],
    });
    mails.length = 0;
    await testWebhook(deps, s.tenantId, { webhookId: webhook.id });
    await runJobs();
    expect(mails).toHaveLength(1);
    expect(header(mails[0]!.raw, 'Subject')).toBe('Butterfly: test alert for webhook “digest-mail”');
    expect(await deliveriesOf(webhook.id)).toEqual([
      expect.objectContaining({ event: 'webhook.test', status: 'delivered' }),
    ]);
  });

  it("daily digest: a day's alerts wait, then go as one mail listing each; the alerts are marked batched", async () => {
    const s = await tenantWithConnection();
    const { webhook } = await createWebhook(deps, s.tenantId, {
      name: 'digest-mail',
      kind: 'email',
      digest: 'daily',
      url: 'team@customer.example.com',
      events: ['backup.failed'],
    });
    failing = true;
    mails.length = 0;
    await s.backup();
    await runJobs(); // attempt 1 fails: alert 1 waits
    await sql`update graphile_worker._private_jobs set run_at = now() where locked_at is null`.execute(db);
    await runJobs(); // attempt 2 fails: no alert between first and last attempts (decision 008)
    await dropBackupJobs();
    await s.backup();
    await runJobs(); // a second backup run's first attempt: alert 2 waits
    await dropBackupJobs();
    const waiting = await deliveriesOf(webhook.id);
    expect(waiting.map((d) => d.status)).toEqual(['waiting', 'waiting']);
    expect(mails).toEqual([]);

    await enqueue(db, 'notify.digest', {});
    await runJobs(); // the digest job queues one digest delivery
    await runJobs(); // which is sent
    expect(mails).toHaveLength(1);
    expect(header(mails[0]!.raw, 'Subject')).toBe('Butterfly: daily digest, 2 alerts');
    const body = decode(mails[0]!.raw);
    expect(body.match(/the backup of okta &lt;prod&gt; failed/g)).toHaveLength(2);
    const all = await deliveriesOf(webhook.id);
    const digest = all.find((d) => d.event === 'digest.daily')!;
    expect(digest).toMatchObject({ status: 'delivered' });
    expect(all.filter((d) => d.event === 'backup.failed')).toEqual([
      expect.objectContaining({ status: 'batched', digest_id: digest.id }),
      expect.objectContaining({ status: 'batched', digest_id: digest.id }),
    ]);

    // Nothing waits any more: the next digest run sends nothing.
    await enqueue(db, 'notify.digest', {});
    await runJobs();
    await runJobs();
    expect(mails).toHaveLength(1);
  });

  it('a compliance regression found by the scan job reaches a Slack channel', async () => {
    const s = await tenantWithConnection();
    const { webhook } = await createWebhook(deps, s.tenantId, {
      name: 'compliance-slack',
      kind: 'slack',
      url: hookUrl,
      events: ['compliance.regressed'],
    });
    failing = false;
    orgObjects = [passwordPolicy(15)];
    posted.length = 0;
    await s.backup();
    await runJobs(); // the backup, which queues its scan
    await runJobs(); // the scan: the first, nothing to compare with
    orgObjects = [passwordPolicy(8)];
    await s.backup();
    await runJobs();
    await runJobs(); // the scan finds the regression and queues the alert
    await runJobs(); // the delivery
    expect(await deliveriesOf(webhook.id)).toEqual([
      expect.objectContaining({ event: 'compliance.regressed', status: 'delivered' }),
    ]);
    expect(posted).toHaveLength(1);
    const body = JSON.parse(posted[0]!.body);
    expect(body.text).toMatch(/^Butterfly: \d+ compliance rules? regressed in okta <prod>$/);
    expect(JSON.stringify(body.blocks)).toContain('OKTA-APP-000650');
    expect(body.butterfly).toBeUndefined();
  });
});
