import { router } from '../../trpc.ts';
import { evidenceExportProcedure } from './export.ts';
import { evidenceFingerprintProcedure } from './fingerprint.ts';
import { evidencePeriodProcedure } from './period.ts';

export const evidenceRouter = router({
  fingerprint: evidenceFingerprintProcedure,
  export: evidenceExportProcedure,
  period: evidencePeriodProcedure,
});
