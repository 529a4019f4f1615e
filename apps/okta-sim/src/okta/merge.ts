import type { Json } from '../model/types.ts';

const isPlain = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `patch` over `base`: objects merge key by key, anything else (arrays, null, scalars) replaces.
 * This is how Okta fills defaults under a posted body, and how partial updates (`POST /users/{id}`,
 * `POST /meta/schemas/user/default`) apply.
 */
export function merge(base: Json, patch: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    out[key] = isPlain(value) && isPlain(out[key]) ? merge(out[key], value) : value;
  }
  return out;
}
