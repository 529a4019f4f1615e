/** What a sender did: the request it made and the receiver's answer, for the test to assert on. */
export interface TSentRequest {
  method: string;
  url: string;
  status: number;
  body: unknown;
}

/**
 * The outbound call of a simulator, sent as `userAgent`; a receiver that cannot be reached is
 * status 0.
 */
export function createSender(userAgent: string) {
  return async function send(
    method: string,
    url: string,
    init: { headers: Record<string, string>; body?: string },
  ): Promise<TSentRequest> {
    try {
      const res = await fetch(url, {
        method,
        headers: { 'user-agent': userAgent, ...init.headers },
        body: init.body,
        signal: AbortSignal.timeout(10_000),
        redirect: 'manual',
      });
      const text = await res.text();
      let body: unknown = text || undefined;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {}
      return { method, url, status: res.status, body };
    } catch (error) {
      return { method, url, status: 0, body: { error: (error as Error).message } };
    }
  };
}
