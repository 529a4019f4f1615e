import { createHash } from 'node:crypto';
import { adminError } from '../model/errors.ts';

/**
 * One page of `items`: `maxResults` (default `size`, at most `cap`; Google answers a larger one
 * with 400 "Invalid Input"), from an opaque `pageToken` that only fits the same list and filters.
 */
export function directoryPage<T>(items: T[], url: URL, size: number, cap: number, listKey: string) {
  const raw = url.searchParams.get('maxResults');
  const max = raw === null ? size : Number(raw);
  if (!Number.isInteger(max) || max < 1 || max > cap)
    throw adminError(400, 'invalid', `Invalid value '${raw}'. Values must be within the range: [1, ${cap}]`);
  const fingerprint = createHash('sha256').update(listKey).digest('base64url').slice(0, 10);
  let offset = 0;
  const token = url.searchParams.get('pageToken');
  if (token) {
    const [fp, at] = Buffer.from(token, 'base64url').toString('utf8').split('~');
    offset = Number(at);
    if (fp !== fingerprint || !Number.isInteger(offset) || offset < 0)
      throw adminError(400, 'invalid', 'Invalid page token');
  }
  const page = items.slice(offset, offset + max);
  const next =
    offset + max < items.length ? Buffer.from(`${fingerprint}~${offset + max}`).toString('base64url') : undefined;
  return { page, nextPageToken: next };
}
