import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { objectKey } from './raw-walk.ts';

/**
 * What `butterfly snapshot export` wrote: `<dir>/<type>/<id>.json`, names %-escaped by the CLI
 * (an id path such as `policyId/ruleId` becomes `policyId%2fruleId`).
 */
export function readExport(dir: string): Map<string, { body: unknown }> {
  const out = new Map<string, { body: unknown }>();
  for (const typeDir of readdirSync(dir)) {
    const type = decodeURIComponent(typeDir);
    for (const file of readdirSync(join(dir, typeDir))) {
      const id = decodeURIComponent(file.replace(/\.json$/, ''));
      out.set(objectKey(type, id), { body: JSON.parse(readFileSync(join(dir, typeDir, file), 'utf8')) });
    }
  }
  return out;
}
