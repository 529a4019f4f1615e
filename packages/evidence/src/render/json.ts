import type { ScanRecord } from '@butterfly/domain/compliance';
import { canonicalJson } from '../canonical-json.ts';

/** results.json: the whole scan record, canonical, so tools can re-check every result and value. */
export const renderJson = (record: ScanRecord) => canonicalJson({ format: 'butterfly-scan-results/1', ...record });
