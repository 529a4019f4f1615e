export { BUNDLE_FILES, BUNDLE_FORMATS, exportBundle, renderBundle, type BundleFormat } from './bundle.ts';
export { exportEvidence } from './export-evidence.ts';
export { bundleTar, readTar, type TarEntry } from './tar.ts';
export {
  verifyBundle,
  verifyBundleTar,
  type BundleProblem,
  type BundleProblemCode,
  type VerifyResult,
} from './verify-bundle.ts';
export {
  createKeySigner,
  fingerprintOf,
  generateEvidenceKey,
  normalizeFingerprint,
  publicKeyPem,
  type EvidenceKeyPair,
  type EvidenceSigner,
} from './keys.ts';
export { MANIFEST, MANIFEST_FORMAT, SIGNATURE, type Manifest, type PeriodSubject } from './manifest.ts';
export { PERIOD_FORMAT, exportPeriodBundle, renderPeriodBundle } from './period/period-bundle.ts';
export { exportPeriodEvidence } from './period/export-period-evidence.ts';
export { renderPeriodMarkdown } from './period/render-period-markdown.ts';
export { canonicalJson } from './canonical-json.ts';
export { renderCkl } from './render/ckl.ts';
export { renderCklb } from './render/cklb.ts';
export { renderCsv } from './render/csv.ts';
export { renderHtml } from './render/html.ts';
export { renderJson } from './render/json.ts';
export { renderOscal } from './render/oscal.ts';
export { renderPdf } from './render/pdf.ts';
