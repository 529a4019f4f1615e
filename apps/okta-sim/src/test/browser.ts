/**
 * Just enough of a browser for driving the sign-in pages with fetch: a cookie jar that honours
 * cookie paths and deletion, and redirect following that stops at the relying party (whose
 * redirect_uri is not served in these tests).
 */
interface Cookie {
  value: string;
  path: string;
}

export class Browser {
  private readonly jar = new Map<string, Cookie & { name: string }>();

  /** One request, no redirect following; cookies sent and stored. */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const { pathname } = new URL(url);
    const cookie = [...this.jar.values()]
      .filter((c) => pathname === c.path || pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    const headers = new Headers(init.headers);
    if (cookie) headers.set('cookie', cookie);
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) this.store(line, pathname);
    return res;
  }

  /** Follows redirects until a page, or until the next hop starts with `stopAt` (returned unfetched). */
  async follow(url: string, init: RequestInit = {}, stopAt?: string): Promise<{ url: string; res?: Response }> {
    let current = url;
    let res = await this.request(current, init);
    for (let hops = 0; res.status >= 300 && res.status < 400; hops++) {
      if (hops > 10) throw new Error('too many redirects');
      current = new URL(res.headers.get('location')!, current).href;
      if (stopAt && current.startsWith(stopAt)) return { url: current };
      res = await this.request(current);
    }
    return { url: current, res };
  }

  /** Posts an HTML form (application/x-www-form-urlencoded), following redirects like `follow`. */
  postForm(url: string, fields: Record<string, string>, stopAt?: string) {
    const body = new URLSearchParams(fields).toString();
    return this.follow(
      url,
      { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      stopAt,
    );
  }

  private store(line: string, requestPath: string) {
    const [pair = '', ...attributes] = line.split(';').map((p) => p.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const attr = (key: string) => attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
    const path = attr('path') ?? (requestPath.replace(/\/[^/]*$/, '') || '/');
    const expires = attr('expires');
    const gone = !value || attr('max-age') === '0' || (expires !== undefined && Date.parse(expires) <= Date.now());
    if (gone) this.jar.delete(`${name}|${path}`);
    else this.jar.set(`${name}|${path}`, { name, value, path });
  }
}
