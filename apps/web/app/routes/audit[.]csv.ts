import type { LoaderFunctionArgs } from '@remix-run/node';
import { auditCsvStream } from '~/audit/export.server.ts';
import { parseAuditFilters } from '~/audit/filters.ts';
import { memberDeps, requireMember } from '~/auth/session.server.ts';
import { routeError } from '~/utils/domain-error.server.ts';

/** GET /audit.csv?actor=…&action=…&from=…&to=…: the audit log page's filtered entries as CSV (audit.read). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const member = await requireMember(request, context);
  const filters = parseAuditFilters(new URL(request.url).searchParams);
  const problems = Object.entries(filters.errors).map(([field, message]) => `${field}: ${message}`);
  if (problems.length)
    return new Response(`${problems.join('\n')}\n`, {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  try {
    const body = await auditCsvStream(memberDeps(context, member), member.tenantId, filters.input);
    const day = new Date().toISOString().slice(0, 10);
    return new Response(body, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="butterfly-audit-${day}.csv"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (e) {
    throw routeError(e);
  }
}
