import { randomUUID } from 'node:crypto';

// Ids from a proxy or client are kept only when short and plain, so they can't forge log lines or
// headers; anything else gets a fresh id.
const SANE = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(header: string | undefined): string {
  return header && SANE.test(header) ? header : randomUUID();
}
