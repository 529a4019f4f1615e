import { appRouter, createCallerFactory, createContext } from '@butterfly/api';
import { useTestDatabase } from '@butterfly/db/testing';
import { listWebhooks } from '@butterfly/domain/webhooks';
import { seedMember, seedTenant, testDeps } from '@butterfly/domain/testing';
import { describe, expect, it } from 'vitest';
import { testServices } from './testing/web-context.ts';

/**
 * "Add webhook" through the API with the web app's own services: the outbound filter the worker
 * delivers through refuses private, loopback and link-local targets when the webhook is saved, unless
 * BUTTERFLY_ALLOW_PRIVATE_URLS is on.
 */
const { db } = await useTestDatabase();
const deps = testDeps(db);
const tenant = await seedTenant(deps, 'hooks-targets');
const admin = await seedMember(deps, tenant.id, 'admin', 'admin@hooks-targets.test');
const callerWith = (allowPrivateUrls: boolean) =>
  createCallerFactory(appRouter)(
    createContext({
      db,
      log: deps.log,
      keyring: deps.keyring,
      requestId: 'targets',
      principal: { tenantId: tenant.id, memberId: admin.id, email: admin.email, role: 'admin', via: 'test' },
      services: testServices({ allowPrivateUrls }).api,
    }),
  );

describe('webhook targets at creation', () => {
  it('refuses the cloud metadata address and other private targets with a field error, storing nothing', async () => {
    const strict = callerWith(false);
    for (const url of [
      'https://169.254.169.254/latest/meta-data/',
      'http://127.0.0.1:9/x',
      'https://192.168.1.10/hook',
      'https://[fd00::1]/hook',
    ]) {
      const err = await strict.webhooks
        .create({ name: `hook-${url.length}`, url, events: ['backup.failed'] })
        .catch((e: unknown) => e);
      expect(err, url).toMatchObject({
        code: 'BAD_REQUEST',
        cause: { code: 'VALIDATION', fields: { url: expect.stringMatching(/private, loopback or link-local/) } },
      });
    }
    expect(await listWebhooks(deps, tenant.id)).toEqual([]);
    const ok = await strict.webhooks.create({
      name: 'public',
      url: 'https://93.184.215.14/hook',
      events: ['backup.failed'],
    });
    expect(ok.webhook.name).toBe('public');
  });

  it('accepts them when private URLs are allowed', async () => {
    const relaxed = callerWith(true);
    const r = await relaxed.webhooks.create({
      name: 'metadata-allowed',
      url: 'http://127.0.0.1:9/x',
      events: ['backup.failed'],
    });
    expect(r.webhook.name).toBe('metadata-allowed');
  });
});
