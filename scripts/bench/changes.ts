/**
 * Changes `count` objects through the simulator's Management API, as an admin would: user profile
 * edits (a new title), a few at a time, waiting out 429s like any polite client.
 */
export async function changeUsers(
  simUrl: string,
  org: { url: string; apiToken: string },
  count: number,
): Promise<number> {
  const users = (await (await fetch(`${simUrl}/_sim/orgs/acme/users`)).json()) as { id: string; status: string }[];
  const active = users.filter((u) => u.status === 'active');
  const step = Math.max(1, Math.floor(active.length / count));
  const picked = active.filter((_, i) => i % step === 0).slice(0, count);
  let next = 0;
  const worker = async () => {
    while (next < picked.length) {
      const u = picked[next++]!;
      for (;;) {
        const res = await fetch(`${org.url}/api/v1/users/${u.id}`, {
          method: 'POST',
          headers: {
            authorization: `SSWS ${org.apiToken}`,
            'content-type': 'application/json',
            accept: 'application/json',
          },
          body: JSON.stringify({ profile: { title: `Changed by the benchmark ${Date.now()}` } }),
        });
        await res.arrayBuffer();
        if (res.status === 429) {
          await new Promise((r) =>
            setTimeout(r, Math.max(0, Number(res.headers.get('x-rate-limit-reset')) * 1000 - Date.now()) + 100),
          );
          continue;
        }
        if (!res.ok) throw new Error(`POST /api/v1/users/${u.id}: ${res.status}`);
        break;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return picked.length;
}
