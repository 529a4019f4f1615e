/** @butterfly/domain/changes: the changes area's use-cases and types, for the apps, API and jobs. */
export { actorsOf, attributeChanges, type ChangeActor, indexEvents } from './attribute-changes.ts';
export { diffJson, type JsonChange } from './json-diff.fns.ts';
