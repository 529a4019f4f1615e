/**
 * Deletions for the restore benchmark's drift, through the Management API like any client: some
 * users (Okta's two DELETEs each, so they are gone and come back with new ids) and one group that a
 * rule and a policy name (so the plan rewrites references).
 */
export async function deleteSome(org: { url: string; apiToken: string }, count: number) {
  const call = async (method: string, path: string) => {
    for (;;) {
      const res = await fetch(`${org.url}${path}`, {
        method,
        headers: { authorization: `SSWS ${org.apiToken}`, accept: 'application/json' },
      });
      const text = await res.text();
      if (res.status === 429) {
        await new Promise((r) =>
          setTimeout(r, Math.max(0, Number(res.headers.get('x-rate-limit-reset')) * 1000 - Date.now()) + 100),
        );
        continue;
      }
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return text ? JSON.parse(text) : undefined;
    }
  };
  const users = (await call('GET', `/api/v1/users?limit=${count}`)) as { id: string }[];
  for (const u of users) {
    await call('DELETE', `/api/v1/users/${u.id}`);
    await call('DELETE', `/api/v1/users/${u.id}`);
  }
  const [group] = (await call('GET', '/api/v1/groups?q=Contractors')) as { id: string; profile: { name: string } }[];
  await call('DELETE', `/api/v1/groups/${group!.id}`);
  return { users: users.length, group: group!.profile.name };
}
