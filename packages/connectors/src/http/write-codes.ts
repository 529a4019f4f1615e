/**
 * Stable codes of a failed restore write, the same for every provider (decisions 059, 066): what a
 * person does next depends on the code, never on the provider's words.
 */
export const WRITE_CODES = [
  'NOT_FOUND',
  'CONFLICT',
  'INVALID',
  'MISSING_PERMISSION',
  'UNSUPPORTED',
  'UNAVAILABLE',
] as const;
export type WriteCode = (typeof WRITE_CODES)[number];

/** The code of an HTTP refusal of a write. */
export const writeCodeOfStatus = (status: number): WriteCode =>
  status === 404 ? 'NOT_FOUND' : status === 409 ? 'CONFLICT' : 'INVALID';
