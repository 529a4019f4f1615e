import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type TSimHarness } from '../test/harness.ts';

let h: TSimHarness;
beforeAll(async () => {
  h = await startSim({ latencyMs: 400 });
});
afterAll(() => h.close());

describe('latencyMs', () => {
  it('delays every Graph call, a $batch once, by the latency asked for', async () => {
    const token = await h.appToken();
    const timed = async (run: () => Promise<Response>) => {
      const t0 = performance.now();
      const res = await run();
      await res.arrayBuffer();
      return { status: res.status, ms: performance.now() - t0 };
    };
    const get = await timed(() => h.graph('/v1.0/organization', token));
    expect(get.status).toBe(200);
    expect(get.ms).toBeGreaterThanOrEqual(395);
    const batch = await timed(() =>
      h.graph('/v1.0/$batch', token, {
        method: 'POST',
        body: { requests: [1, 2, 3].map((id) => ({ id: String(id), method: 'GET', url: '/organization' })) },
      }),
    );
    expect(batch.status).toBe(200);
    expect(batch.ms).toBeGreaterThanOrEqual(395);
    // One round trip for the whole batch, not one per sub-request.
    expect(batch.ms).toBeLessThan(3 * 400);
  });
});
