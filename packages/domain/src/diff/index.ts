/** @butterfly/domain/diff: the diff area's use-cases and types, for the apps, API and jobs. */
export { diffSnapshots, type ObjectChange } from './diff-snapshots.ts';
export { diffPage, ZDiffPageInput, type TDiffPageInput } from './diff-page.ts';
