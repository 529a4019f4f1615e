import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireMember, memberDeps } from '~/auth/session.server.ts';
import { evidenceDownload } from '~/evidence/download.server.ts';
import { routeError } from '~/utils/domain-error.server.ts';

/** Downloads a scan's signed evidence bundle (the href of `evidence.export`'s descriptor). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context);
  try {
    const q = new URL(request.url).searchParams;
    return await evidenceDownload(
      memberDeps(context, member),
      member.tenantId,
      params.scanId ?? '',
      q.get('formats'),
      q.get('framework'),
    );
  } catch (e) {
    throw routeError(e);
  }
}
