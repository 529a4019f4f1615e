import { type Deps, DomainError } from '@butterfly/domain/core';
import { EVIDENCE_FORMATS, type EvidenceFormat, prepareEvidenceExport } from '@butterfly/domain/evidence';
import { bundleTar, renderBundle } from '@butterfly/evidence';

/** `?formats=html,json`: absent means every report; anything unknown is a validation error, not ignored. */
export function parseFormats(param: string | null): EvidenceFormat[] | undefined {
  if (param === null || param === '') return undefined;
  const formats = param.split(',').map((f) => f.trim().toLowerCase());
  const bad = formats.filter((f) => !EVIDENCE_FORMATS.includes(f as EvidenceFormat));
  if (bad.length)
    throw new DomainError('VALIDATION', `Unknown evidence format: ${bad.join(', ')}`, {
      fields: { formats: `one or more of ${EVIDENCE_FORMATS.join(', ')}` },
    });
  return formats as EvidenceFormat[];
}

/**
 * The download behind `evidence.export`'s descriptor: the scan's signed bundle rendered from stored
 * data, as one tar of the folder `evidence verify` checks. The domain checks `evidence.export` and
 * audit-logs the export; the same scan always downloads as the same bytes.
 */
export async function evidenceDownload(
  deps: Deps,
  tenantId: string,
  scanId: string,
  formatsParam: string | null,
  framework: string | null = null,
): Promise<Response> {
  const formats = parseFormats(formatsParam);
  const { record, signer } = await prepareEvidenceExport(deps, tenantId, {
    scanId,
    formats,
    framework: framework ?? undefined,
  });
  const name = `butterfly-evidence-${record.scanId}${record.framework ? `-${record.framework}` : ''}`;
  const tar = bundleTar(name, await renderBundle(record, signer, formats), new Date(record.scannedAt));
  return new Response(new Uint8Array(tar), {
    headers: {
      'content-type': 'application/x-tar',
      'content-disposition': `attachment; filename="${name}.tar"`,
      'cache-control': 'no-store',
    },
  });
}
