import { router } from '../../trpc.ts';
import { evidenceExportProcedure } from './export.ts';
import { evidenceFingerprintProcedure } from './fingerprint.ts';

export const evidenceRouter = router({
  fingerprint: evidenceFingerprintProcedure,
  export: evidenceExportProcedure,
});
