import type { OktaObjectType } from '../catalog.ts';
import { policySpec, WRITE_SPECS, type WriteSpec } from './spec.ts';

/** A relation row is keyed by what it references (a membership by its user): it gets no id of its own. */
export const isRelationRow = (d: OktaObjectType) => !!d.refs?.some((r) => !r.by && r.path === (d.idField ?? 'id'));

export const specOf = (d: OktaObjectType): WriteSpec => WRITE_SPECS[d.type] ?? policySpec(d.type) ?? {};

/** Okta gives a re-created object a new id unless its key is a name, a relation's target or its parent's. */
export const assignsId = (d: OktaObjectType) => !d.singleton && (d.idField ?? 'id') === 'id' && !isRelationRow(d);

/** The OAuth scope a write needs: the read scope's `.manage` twin (okta.groups.read → okta.groups.manage). */
export const manageScope = (scope: string) => scope.replace(/\.read$/, '.manage') as `okta.${string}.manage`;
