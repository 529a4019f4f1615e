import { ComplianceObjectTypes } from '@butterfly/domain/compliance';
import { describe, expect, it } from 'vitest';
import { defaultTypes, isOktaType, typeDef } from './catalog.fns.ts';

/**
 * The compliance rules read snapshots as the connector stores them, so every type key they name must
 * be a catalog type, read with the same scope from the same path, and backed up by default.
 */
describe('compliance object types', () => {
  for (const [type, spec] of Object.entries(ComplianceObjectTypes)) {
    it(`${type} is a default catalog type with the rules' scope and path`, () => {
      expect(isOktaType(type), `${type} is not in the Okta catalog`).toBe(true);
      const d = typeDef(type);
      expect(d.scope).toBe(spec.scope);
      expect(defaultTypes()).toContain(type);
      // The rules' table names the first call of a source ("…, then GET …" for nested lists).
      const last = spec.source.split(', then ').at(-1)!.replace(/^GET /, '');
      expect(last.split('?')[0]!.replace(/\{[^}]+\}/g, '{}')).toBe(d.list.replace(/\{[^}]+\}/g, '{}'));
      if (d.query) expect(spec.source).toContain(`${Object.keys(d.query)[0]}=${Object.values(d.query)[0]}`);
    });
  }
});
