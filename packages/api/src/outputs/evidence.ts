import { z } from 'zod';
import { ZPeriodSummary } from './shapes.ts';

/** `evidence.export`. */
export const ZEvidenceExport = z.object({
  files: z.array(z.string()),
  href: z.string(),
  filename: z.string(),
  fingerprint: z.string(),
  framework: z.string().optional(),
  scanId: z.string(),
  formats: z.array(z.enum(['html', 'pdf', 'json', 'csv', 'ckl', 'cklb', 'oscal'])),
});

/** `evidence.fingerprint`. */
export const ZEvidenceFingerprint = z.object({
  algorithm: z.literal('Ed25519'),
  fingerprint: z.string(),
  publicKeyPem: z.string(),
  version: z.number(),
  createdAt: z.string(),
});

/** `evidence.period`. */
export const ZEvidencePeriod = z.object({
  connection: z.object({ id: z.string(), name: z.string() }),
  window: z.object({ from: z.string(), to: z.string() }),
  summary: ZPeriodSummary,
  files: z.array(z.enum(['manifest.json', 'manifest.sig', 'period.json', 'period-report.md', 'period-report.pdf'])),
  href: z.string(),
  filename: z.string(),
  fingerprint: z.string(),
});
