/** @butterfly/domain/extension: the extension area's use-cases and types, for the apps, API and jobs. */
export {
  ZCompareObjectInput,
  ZExtensionObjectRef,
  type TCompareObjectInput,
  type TExtensionObjectRef,
} from './extension.fns.ts';
export { getExtensionObjectStatus } from './get-object-status.ts';
export { compareExtensionObject } from './compare-object.ts';
export { snapshotExtensionObject } from './snapshot-object.ts';
