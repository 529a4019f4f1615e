import { type Deps, DomainError } from '@butterfly/domain/core';
import { periodBundleName, preparePeriodEvidenceExport } from '@butterfly/domain/evidence';
import { bundleTar, renderPeriodBundle } from '@butterfly/evidence';

const DATE_ONLY = /^\d{4}-\d\d-\d\d$/;

/**
 * The dashboard's form sends days (`<input type=date>`): a window of days in UTC, both included, so
 * `to` runs to the last millisecond of its day. Full ISO instants pass through as they are.
 */
export function periodWindow(q: URLSearchParams) {
  const [from, to] = [q.get('from') ?? '', q.get('to') ?? ''];
  return {
    connection: q.get('connection') ?? '',
    from: DATE_ONLY.test(from) ? `${from}T00:00:00.000Z` : from,
    to: DATE_ONLY.test(to) ? `${to}T23:59:59.999Z` : to,
  };
}

/**
 * The download behind `evidence.period`'s descriptor: the period's signed bundle as one tar of the
 * folder `evidence verify` checks. The domain checks `evidence.export` and audit-logs the export; the
 * same window always downloads as the same bytes (every mtime is the window's end).
 */
export async function periodEvidenceDownload(deps: Deps, tenantId: string, q: URLSearchParams): Promise<Response> {
  const input = periodWindow(q);
  if (!input.connection)
    throw new DomainError('VALIDATION', 'Choose a connection', { fields: { connection: 'is required' } });
  const { record, signer } = await preparePeriodEvidenceExport(deps, tenantId, input);
  const name = periodBundleName(record.connection.id, record.window);
  const tar = bundleTar(name, await renderPeriodBundle(record, signer), new Date(record.window.to));
  return new Response(new Uint8Array(tar), {
    headers: {
      'content-type': 'application/x-tar',
      'content-disposition': `attachment; filename="${name}.tar"`,
      'cache-control': 'no-store',
    },
  });
}
