import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireMember, memberDeps } from '~/auth/session.server.ts';
import { periodEvidenceDownload } from '~/evidence/period-download.server.ts';
import { routeError } from '~/utils/domain-error.server.ts';

/** Downloads the signed evidence of an audit period (`?connection=&from=&to=`, the href of `evidence.period`). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const member = await requireMember(request, context);
  try {
    return await periodEvidenceDownload(
      memberDeps(context, member),
      member.tenantId,
      new URL(request.url).searchParams,
    );
  } catch (e) {
    throw routeError(e);
  }
}
