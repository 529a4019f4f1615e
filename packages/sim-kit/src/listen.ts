import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

function publicUrl({ address, family, port }: AddressInfo): string {
  if (address === '0.0.0.0' || address === '::') return `http://127.0.0.1:${port}`;
  return family === 'IPv6' ? `http://[${address}]:${port}` : `http://${address}:${port}`;
}

/**
 * Listens on `port` (0 picks a free one) and `host`, and resolves to the base URL clients use: a
 * simulator listens before anything else because its issuers contain the port.
 */
export async function listenForUrl(server: Server, port = 0, host = '127.0.0.1'): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return publicUrl(server.address() as AddressInfo);
}
