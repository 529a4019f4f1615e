export { BUNDLE_FILES, exportBundle, renderBundle } from './bundle.ts';
export { verifyBundle, type BundleProblem, type BundleProblemCode, type VerifyResult } from './verify-bundle.ts';
export {
  createKeySigner,
  fingerprintOf,
  generateEvidenceKey,
  normalizeFingerprint,
  publicKeyPem,
  type EvidenceKeyPair,
  type EvidenceSigner,
} from './keys.ts';
export { MANIFEST, MANIFEST_FORMAT, SIGNATURE, type Manifest } from './manifest.ts';
export { canonicalJson } from './canonical-json.ts';
export { renderCsv } from './render/csv.ts';
export { renderHtml } from './render/html.ts';
export { renderJson } from './render/json.ts';
export { renderPdf } from './render/pdf.ts';
